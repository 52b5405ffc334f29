export { HOLIDAY_TABLE_PROBLEMS, localizeError, localizeMeta } from './errors';
export type { HolidayTableProblem } from './errors';
export { fieldIssuesOf, localizeFieldIssue, localizeFields, validationMessages } from './validation';
export { AUDIT_TARGET_KINDS, i18nKey, isLabelled, LABELS, labelOf, labelResources, labelsIn } from './labels';
export type {
  AuditTargetKind,
  I18nKey,
  Label,
  LabelNamespace,
  LabelResources,
  Labels,
  LabelTexts,
} from './labels';
