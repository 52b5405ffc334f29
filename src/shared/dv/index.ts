export { dvContract } from './contract';
export {
  addMonths,
  DisclosedBySchema,
  DV_RISK_LEVELS,
  isMandatoryReportDue,
  PROTECTION_ORDER_MAX_MONTHS,
} from './schemas';
export type { DisclosedBy, DvDisclosure, DvFields, DvRiskLevel } from './schemas';
