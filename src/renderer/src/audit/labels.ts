import type { TFunction } from 'i18next';
import type { AuditAction, AuditEntry } from '@shared/audit';
import { i18nKey, isLabelled, LABELS } from '@shared/i18n';

export const actionLabel = (t: TFunction, action: AuditAction): string =>
  t(`auditActions.${i18nKey(action)}`);

/** The object of an entry: its kind in words, and whose account when we know the user. */
export function targetLabel(t: TFunction, entry: AuditEntry, userNames: ReadonlyMap<string, string>): string {
  if (!entry.targetType) return '—';
  const kind = isLabelled(LABELS.auditTargets, entry.targetType)
    ? t(`auditTargets.${entry.targetType}`)
    : entry.targetType;
  if (!entry.targetId) return kind;
  const name = userNames.get(entry.targetId);
  return name ? `${kind}${t('common.colon')}${name}` : `${kind} ${entry.targetId.slice(0, 8)}`;
}

/** Case-work codes in words; `action` says which vocabulary 'from' / 'to' use. */
function codeText(t: TFunction, key: string, value: string, action?: AuditAction): string | null {
  if (action?.startsWith('backup.')) {
    if (key === 'reason' && isLabelled(LABELS.backupReasons, value)) return t(`backupReasons.${value}`);
    const words = t('backupAudit', { returnObjects: true }) as Record<string, string>;
    if ((key === 'source' || key === 'kind') && words[value]) return words[value];
  }
  if (key === 'type' && isLabelled(LABELS.caseTypes, value)) return t(`caseTypes.${value}`);
  if (key === 'kind' && isLabelled(LABELS.supervisionKinds, value)) return t(`supervisionKinds.${value}`);
  if (key === 'status' || key === 'from' || key === 'to') {
    if (action?.startsWith('referral.') && isLabelled(LABELS.referralStatuses, value))
      return t(`referralStatuses.${value}`);
    if (isLabelled(LABELS.registrationStatuses, value)) return t(`registrationStatuses.${value}`);
  }
  // Ids say which case or user; the short form is enough to tell entries apart.
  if (key.endsWith('Id') && /^[0-9a-f-]{36}$/i.test(value)) return value.slice(0, 8);
  return null;
}

function valueText(
  t: TFunction,
  key: string,
  value: string | number | boolean | null,
  action?: AuditAction,
): string {
  const words = t('auditValues', { returnObjects: true });
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (key === 'role' && isLabelled(LABELS.roles, value)) return t(`roles.${value}`);
  if (key === 'level' && isLabelled(LABELS.levels, value)) return t(`levels.${value}`);
  if (key === 'language' && isLabelled(LABELS.languages, value)) return t(`languages.${value}`);
  // Settings changes list the changed keys joined by commas, list reads the filters used.
  if ((key === 'keys' || key === 'filters') && typeof value === 'string')
    return value
      .split(',')
      .map((k) => words[k] ?? k)
      .join(t('common.enumSep'));
  if (typeof value !== 'string') return String(value);
  return codeText(t, key, value, action) ?? words[value] ?? value;
}

/** Details as "label: value" pairs; unknown keys pass through so nothing recorded is hidden. */
export function detailText(t: TFunction, detail: AuditEntry['detail'], action?: AuditAction): string {
  const labels = t('auditDetail', { returnObjects: true });
  return Object.entries(detail)
    .map(([key, value]) => `${labels[key] ?? key}${t('common.colon')}${valueText(t, key, value, action)}`)
    .join(t('common.listSep'));
}
