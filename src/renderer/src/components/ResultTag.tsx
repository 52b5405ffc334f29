import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordResult } from '@shared/cases';

const RESULT_COLOR: Record<RecordResult, string> = {
  reconcile: 'green',
  postpone: 'cyan',
  divorce: 'default',
};

/** 辅导结果 of a signed record (and of a case: its latest signed record's). */
export function ResultTag({ result }: { result: RecordResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  return (
    <Tag color={RESULT_COLOR[result]} variant="outlined">
      {t(`results.${result}`)}
    </Tag>
  );
}
