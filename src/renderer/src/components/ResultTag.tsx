import { useTranslation } from 'react-i18next';
import type { RecordResult } from '@shared/cases';
import { PlainTag, type PlainTagColor } from './PlainTag';

const RESULT_COLOR: Record<RecordResult, PlainTagColor> = {
  reconcile: 'green',
  postpone: 'cyan',
  divorce: 'default',
};

/** 辅导结果 of a signed record (and of a case: its latest signed record's); a plain tag, drawn a row in lists. */
export function ResultTag({ result }: { result: RecordResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  return (
    <PlainTag color={RESULT_COLOR[result]} variant="outlined">
      {t(`results.${result}`)}
    </PlainTag>
  );
}
