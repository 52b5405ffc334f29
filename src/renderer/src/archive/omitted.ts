import { useTranslation } from 'react-i18next';
import type { ArchiveOmission } from '@shared/archive';

/** On the importing desk the reason is the exporter's, not the reader's: its own words per reason. */
const IMPORT_REASONS = {
  role: 'archive.importOmittedRole',
} as const satisfies Record<ArchiveOmission['reason'], string>;

/**
 * One plain sentence per thing an export left out: "家暴披露 3 条未导出：您的角色无权查看。" in the export
 * dialog (`side` 'export'), "… 不在案卷中：导出人的角色无权查看" in the import preview.
 */
export function useOmittedSentences(
  omitted: readonly ArchiveOmission[],
  side: 'export' | 'import',
): string[] {
  const { t } = useTranslation();
  return omitted
    .filter((o) => o.count > 0)
    .map((o) => {
      const what = t(`archiveOmissions.${o.what}`);
      return side === 'export'
        ? t('archive.omitted', { what, count: o.count, reason: t(`archiveOmissionReasons.${o.reason}`) })
        : t(IMPORT_REASONS[o.reason], { what, count: o.count });
    });
}
