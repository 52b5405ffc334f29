import { DatePicker, Form, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCounsellors } from '../api';
import { DAY_FORMAT, fromLocalDate, toLocalDate } from '../components';
import { PERIOD_MODES, periodAround, type PeriodMode, type PeriodState } from './periodState';

interface Props {
  state: PeriodState;
  onChange: (next: PeriodState) => void;
  /** Directors choose a counsellor; a counsellor sees their own figures only. */
  canPickCounsellor: boolean;
}

const PICKER: Record<Exclude<PeriodMode, 'custom'>, 'month' | 'quarter' | 'year'> = {
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/** 统计期: month, quarter, year or a custom range of office-local dates; and, for directors, a counsellor. */
export function PeriodFilters({ state, onChange, canPickCounsellor }: Props) {
  const { t } = useTranslation();
  const counsellors = useCounsellors();
  const from = fromLocalDate(state.from) ?? dayjs();

  // Custom starts from the period shown; a calendar mode takes the one containing its first day.
  const setMode = (mode: PeriodMode) =>
    onChange(mode === 'custom' ? { ...state, mode } : { ...state, mode, ...periodAround(mode, state.from) });
  const setDate = (value: Dayjs | null) => {
    if (value && state.mode !== 'custom') {
      onChange({ ...state, ...periodAround(state.mode, value.format(DAY_FORMAT)) });
    }
  };
  const setRange = (values: [Dayjs | null, Dayjs | null] | null) => {
    const [start, end] = values ?? [];
    const f = toLocalDate(start);
    const to = toLocalDate(end);
    if (f && to) onChange({ ...state, from: f, to });
  };

  const pickerLabel =
    state.mode === 'month'
      ? t('statistics.pickMonth')
      : state.mode === 'quarter'
        ? t('statistics.pickQuarter')
        : t('statistics.pickYear');

  return (
    <Form layout="inline" className="filters stats-filters" aria-label={t('statistics.filtersLabel')}>
      <Form.Item>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          aria-label={t('statistics.periodKind')}
          value={state.mode}
          onChange={(e) => setMode(e.target.value as PeriodMode)}
          options={PERIOD_MODES.map((m) => ({ value: m, label: t(`statistics.${m}`) }))}
        />
      </Form.Item>
      {state.mode === 'custom' ? (
        <Form.Item
          label={<span aria-hidden="true">{t('statistics.range')}</span>}
          htmlFor="stats-range-start"
        >
          <label htmlFor="stats-range-start" className="sr-only">
            {t('statistics.rangeFrom')}
          </label>
          <label htmlFor="stats-range-end" className="sr-only">
            {t('statistics.rangeTo')}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'stats-range-start', end: 'stats-range-end' }}
            allowClear={false}
            value={[from, fromLocalDate(state.to) ?? from]}
            onChange={setRange}
          />
        </Form.Item>
      ) : (
        <Form.Item label={pickerLabel} htmlFor="stats-period">
          <DatePicker
            id="stats-period"
            picker={PICKER[state.mode]}
            allowClear={false}
            value={from}
            onChange={setDate}
          />
        </Form.Item>
      )}
      {canPickCounsellor ? (
        <Form.Item label={t('statistics.counsellor')} htmlFor="stats-counsellor">
          <Select
            id="stats-counsellor"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="filter-select"
            placeholder={t('statistics.allCounsellors')}
            loading={counsellors.isPending}
            value={state.counsellorId ?? undefined}
            onChange={(v: string | undefined) => onChange({ ...state, counsellorId: v ?? null })}
            options={(counsellors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
      ) : null}
    </Form>
  );
}
