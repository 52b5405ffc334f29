import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Space, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, textField } from '../components';
import type { HolidayYear } from './HolidaysSection';
import { datesBetween, toRanges } from './dateRanges';

const DAY = 'YYYY-MM-DD';

/** One year, editable: add a holiday block or a make-up working day, remove any, then save the year. */
export function HolidayYearEditor({ year }: { year: HolidayYear }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [holidays, setHolidays] = useState<string[]>(year.holidays);
  const [workdays, setWorkdays] = useState<string[]>(year.workdays);
  const [source, setSource] = useState(year.source);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [workday, setWorkday] = useState<Dayjs | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const update = useApiMutation('calendar.update');
  const sourceLimit = textField(t, 'calendar.update', 'years.0.source').maxLength;
  const inYear = (d: Dayjs) => d.year() !== year.year;
  const dirty =
    source !== year.source ||
    [...holidays].sort().join() !== [...year.holidays].sort().join() ||
    [...workdays].sort().join() !== [...year.workdays].sort().join();

  const addRange = () => {
    const [from, to] = range ?? [];
    if (!from) return;
    const dates = datesBetween(from.format(DAY), (to ?? from).format(DAY));
    const clash = dates.find((d) => workdays.includes(d));
    if (clash) {
      setProblem(t('holidays.clashWorkday', { date: clash }));
      return;
    }
    setProblem(null);
    setHolidays((h) => [...new Set([...h, ...dates])].sort());
    setRange(null);
  };
  const addWorkday = () => {
    if (!workday) return;
    const date = workday.format(DAY);
    if (holidays.includes(date)) {
      setProblem(t('holidays.clashHoliday', { date }));
      return;
    }
    setProblem(null);
    setWorkdays((w) => [...new Set([...w, date])].sort());
    setWorkday(null);
  };
  const save = () => {
    update.mutate(
      { years: [{ year: year.year, source: source.trim(), holidays, workdays }] },
      { onSuccess: () => void message.success(t('holidays.saved', { year: year.year })) },
    );
  };

  return (
    <div className="holiday-editor">
      <ErrorAlert error={update.error} />
      {problem ? <Alert className="form-alert" type="error" showIcon role="alert" title={problem} /> : null}
      <Form layout="vertical">
        <Form.Item
          label={t('holidays.source')}
          htmlFor={`holiday-source-${year.year}`}
          extra={t('holidays.sourceHelp')}
        >
          <Input
            id={`holiday-source-${year.year}`}
            value={source}
            maxLength={sourceLimit}
            onChange={(e) => setSource(e.target.value)}
          />
        </Form.Item>
      </Form>
      <Typography.Title level={4} className="subsection-title">
        {t('holidays.holidays')}
      </Typography.Title>
      <ul className="chip-list" aria-label={t('holidays.holidays')}>
        {toRanges(holidays).map((r) => {
          const label =
            r.start === r.end
              ? r.start
              : t('holidays.range', { start: r.start, end: r.end, days: r.days.length });
          return (
            <li key={r.start} className="chip">
              <span>{label}</span>
              <Button
                size="small"
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('holidays.remove', { what: label })}
                onClick={() => setHolidays((h) => h.filter((d) => !r.days.includes(d)))}
              />
            </li>
          );
        })}
        {holidays.length === 0 ? <li className="muted">{t('holidays.none')}</li> : null}
      </ul>
      <Space wrap className="chip-add">
        <DatePicker.RangePicker
          aria-label={t('holidays.addHolidayLabel')}
          value={range}
          onChange={(v) => setRange(v)}
          disabledDate={inYear}
          defaultPickerValue={[dayjs(`${year.year}-01-01`), dayjs(`${year.year}-01-01`)]}
        />
        <Button icon={<PlusOutlined />} onClick={addRange} disabled={!range?.[0]}>
          {t('holidays.addHoliday')}
        </Button>
      </Space>
      <Typography.Title level={4} className="subsection-title">
        {t('holidays.workdays')}
      </Typography.Title>
      <ul className="chip-list" aria-label={t('holidays.workdays')}>
        {workdays.map((d) => (
          <li key={d} className="chip">
            <span>
              {d} {dayjs(d).format('dddd')}
            </span>
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('holidays.remove', { what: d })}
              onClick={() => setWorkdays((w) => w.filter((x) => x !== d))}
            />
          </li>
        ))}
        {workdays.length === 0 ? <li className="muted">{t('holidays.none')}</li> : null}
      </ul>
      <Space wrap className="chip-add">
        <DatePicker
          aria-label={t('holidays.addWorkdayLabel')}
          value={workday}
          onChange={(v) => setWorkday(v)}
          disabledDate={inYear}
          defaultPickerValue={dayjs(`${year.year}-01-01`)}
        />
        <Button icon={<PlusOutlined />} onClick={addWorkday} disabled={!workday}>
          {t('holidays.addWorkday')}
        </Button>
      </Space>
      <Space className="form-actions" wrap>
        <BusyButton type="primary" onClick={save} busy={update.isPending} disabled={!dirty}>
          {t('holidays.save', { year: year.year })}
        </BusyButton>
        <Button
          disabled={!dirty}
          onClick={() => {
            setHolidays(year.holidays);
            setWorkdays(year.workdays);
            setSource(year.source);
            setProblem(null);
          }}
        >
          {t('holidays.revert')}
        </Button>
        {dirty ? <span className="muted small">{t('holidays.unsaved')}</span> : null}
      </Space>
    </div>
  );
}
