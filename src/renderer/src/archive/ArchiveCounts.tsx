import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** The counts an archive preview shows; each is a label under `archive.` in the catalogue. */
export type CountKey =
  | 'countCases'
  | 'countFamilies'
  | 'countRecords'
  | 'countAddenda'
  | 'countReferrals'
  | 'countSupervision'
  | 'countVisits'
  | 'countDv';

export type CountEntry = readonly [key: CountKey, count: number];

/** 案件 3 · 家庭档案 1 · … as a definition list, then one warning sentence for each thing left out. */
export function ArchiveCounts({
  counts,
  omitted,
  testId,
}: {
  counts: readonly CountEntry[];
  omitted: readonly string[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="archive-counts" data-testid={testId}>
        {counts.map(([key, n]) => (
          <div key={key}>
            <dt>{t(`archive.${key}`)}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {omitted.map((sentence) => (
        <Alert key={sentence} className="archive-note" type="warning" showIcon title={sentence} />
      ))}
    </>
  );
}
