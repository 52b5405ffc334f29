import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HolidayYear } from './HolidaysSection';
import { toRanges } from './dateRanges';

/** A year of the holiday table, read-only: holiday blocks as ranges, then the make-up working days. */
export function HolidayYearView({ year }: { year: HolidayYear }) {
  const { t } = useTranslation();
  const rangeText = (start: string, end: string, days: number) =>
    start === end ? start : t('holidays.range', { start, end, days });
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'source', label: t('holidays.source'), children: year.source || '—' },
        {
          key: 'holidays',
          label: t('holidays.holidays'),
          children: (
            <ul className="plain-list">
              {toRanges(year.holidays).map((r) => (
                <li key={r.start}>{rangeText(r.start, r.end, r.days.length)}</li>
              ))}
            </ul>
          ),
        },
        {
          key: 'workdays',
          label: t('holidays.workdays'),
          children: year.workdays.length > 0 ? [...year.workdays].sort().join(t('common.enumSep')) : '—',
        },
      ]}
    />
  );
}
