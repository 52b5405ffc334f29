import { useState } from 'react';
import { Button, Card, Empty, InputNumber, Skeleton, Space, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HolidayTable } from '@shared/calendar';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { useApiQuery } from '../api';
import { ErrorAlert, numberField } from '../components';
import { HolidayYearEditor } from './HolidayYearEditor';
import { HolidayYearView } from './HolidayYearView';

export type HolidayYear = HolidayTable['years'][number];

/** 节假日安排: the table the statutory deadlines use. Admins edit a year at a time; others read it. */
export function HolidaysSection({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const table = useApiQuery('calendar.get', null, { staleTime: 60_000 });
  const editable = can(user.role, 'calendar.manage');
  const yearRange = numberField('calendar.update', 'years.0.year');
  const [added, setAdded] = useState<number[]>([]);
  const [newYear, setNewYear] = useState<number | null>(null);
  const [active, setActive] = useState<string | undefined>(undefined);

  const stored = table.data?.years ?? [];
  const years: HolidayYear[] = [
    ...stored,
    ...added
      .filter((y) => !stored.some((s) => s.year === y))
      .map((year) => ({ year, source: '', holidays: [], workdays: [], edited: true })),
  ].sort((a, b) => a.year - b.year);
  const thisYear = String(new Date().getFullYear());
  const activeKey =
    active ?? (years.some((y) => String(y.year) === thisYear) ? thisYear : String(years.at(-1)?.year ?? ''));

  const addYear = () => {
    if (newYear === null || years.some((y) => y.year === newYear)) return;
    setAdded((a) => [...a, newYear]);
    setActive(String(newYear));
    setNewYear(null);
  };

  return (
    <Card className="panel" title={t('holidays.title')} variant="borderless">
      <p className="muted">{t('holidays.intro')}</p>
      {table.isPending ? <Skeleton active /> : null}
      <ErrorAlert error={table.error} />
      {table.isSuccess && years.length === 0 ? <Empty description={t('holidays.empty')} /> : null}
      {years.length > 0 ? (
        <Tabs
          activeKey={activeKey}
          onChange={setActive}
          items={years.map((y) => ({
            key: String(y.year),
            label: (
              <span>
                {y.year}
                {y.edited ? (
                  <Tag className="tab-badge" color="gold">
                    {t('holidays.editedTag')}
                  </Tag>
                ) : null}
              </span>
            ),
            children: editable ? (
              <HolidayYearEditor key={`${y.year}-${y.holidays.length}-${y.workdays.length}`} year={y} />
            ) : (
              <HolidayYearView year={y} />
            ),
          }))}
        />
      ) : null}
      {editable ? (
        <Space className="form-actions" wrap>
          <label htmlFor="holiday-new-year">{t('holidays.addYearLabel')}</label>
          <InputNumber<number>
            id="holiday-new-year"
            min={yearRange.min}
            max={yearRange.max}
            precision={0}
            value={newYear}
            onChange={(v) => setNewYear(v)}
            onPressEnter={addYear}
          />
          <Button icon={<PlusOutlined />} onClick={addYear} disabled={newYear === null}>
            {t('holidays.addYear')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
