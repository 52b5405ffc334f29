import { memo } from 'react';
import { Button, Form, Select, type SelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  CASE_SORTS,
  COUNSELLING_TYPES,
  REGISTRATION_STATUSES,
  RISK_FLAGS,
  type CaseSort,
  type CounsellingType,
  type RegistrationStatus,
  type RiskFlag,
} from '@shared/cases';
import { useCounsellors } from '../../api';
import { DateRangeItem, fromLocalDate, toLocalDate } from '../../components';
import { FIRST_PAGE, type CaseListInput } from './listState';

interface Values {
  type?: CounsellingType;
  registrationStatus?: RegistrationStatus;
  counsellorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  /** Running statutory deadline between (the 工作台's 查看全部 sets it). */
  deadlines?: [Dayjs | null, Dayjs | null] | null;
  risk?: RiskFlag[];
  sort?: CaseSort;
}

interface Props {
  /** The list's filter when the form is first drawn (the form keeps its fields itself afterwards). */
  initial: CaseListInput;
  /** Rows a page: a filter change keeps it. */
  pageSize: number;
  onChange: (filter: CaseListInput) => void;
  disabled?: boolean;
}

const toValues = (f: CaseListInput): Values => ({
  type: f.type,
  registrationStatus: f.registrationStatus,
  counsellorId: f.counsellorId,
  range: f.receivedFrom || f.receivedTo ? [fromLocalDate(f.receivedFrom), fromLocalDate(f.receivedTo)] : null,
  deadlines:
    f.deadlineFrom || f.deadlineTo ? [fromLocalDate(f.deadlineFrom), fromLocalDate(f.deadlineTo)] : null,
  risk: f.risk,
  sort: f.sort ?? 'received_desc',
});

/**
 * 筛选: every change applies at once and goes back to the first page. Memoised, and handed only what it
 * needs: the list's answers, its loading state and a new page (which redraw CasesPage) leave the form
 * as it is.
 */
export const CaseFilters = memo(function CaseFilters({ initial, pageSize, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const apply = (_: unknown, v: Values) => {
    const [from, to] = v.range ?? [];
    const [deadlineFrom, deadlineTo] = v.deadlines ?? [];
    onChange({
      ...FIRST_PAGE,
      pageSize,
      type: v.type,
      registrationStatus: v.registrationStatus,
      counsellorId: v.counsellorId,
      receivedFrom: toLocalDate(from) ?? undefined,
      receivedTo: toLocalDate(to) ?? undefined,
      deadlineFrom: toLocalDate(deadlineFrom) ?? undefined,
      deadlineTo: toLocalDate(deadlineTo) ?? undefined,
      risk: v.risk && v.risk.length > 0 ? v.risk : undefined,
      sort: v.sort ?? 'received_desc',
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="inline"
      className="filters"
      initialValues={toValues(initial)}
      onValuesChange={apply}
      disabled={disabled}
      aria-label={t('cases.filtersLabel')}
    >
      <Form.Item label={t('cases.type')} name="type">
        <Select
          allowClear
          className="filter-select"
          placeholder={t('cases.allTypes')}
          options={COUNSELLING_TYPES.map((v) => ({ value: v, label: t(`caseTypes.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.status')} name="registrationStatus">
        <Select
          allowClear
          className="filter-select"
          placeholder={t('cases.allStatuses')}
          options={REGISTRATION_STATUSES.map((v) => ({ value: v, label: t(`registrationStatuses.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.counsellor')} name="counsellorId">
        <CounsellorSelect />
      </Form.Item>
      <DateRangeItem
        name="range"
        label={t('cases.receivedRange')}
        startLabel={t('cases.receivedFrom')}
        endLabel={t('cases.receivedTo')}
      />
      <DateRangeItem
        name="deadlines"
        label={t('cases.deadlineRange')}
        startLabel={t('cases.deadlineFrom')}
        endLabel={t('cases.deadlineTo')}
      />
      <Form.Item label={t('cases.riskFilter')} name="risk">
        <Select
          mode="multiple"
          allowClear
          className="filter-select-wide"
          placeholder={t('cases.anyRisk')}
          options={RISK_FLAGS.map((v) => ({ value: v, label: t(`riskFlags.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.sort')} name="sort">
        <Select
          className="filter-select-wide"
          options={CASE_SORTS.map((v) => ({ value: v, label: t(`caseSorts.${v}`) }))}
        />
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.setFieldsValue(toValues({ sort: 'received_desc' }));
            onChange({
              ...FIRST_PAGE,
              pageSize,
              sort: 'received_desc',
            });
          }}
        >
          {t('cases.resetFilters')}
        </Button>
      </Form.Item>
    </Form>
  );
});

/**
 * The counsellor filter reads its own options: their answer (after the list's) redraws this select, not
 * the whole form. Form.Item hands it the value, onChange and id.
 */
function CounsellorSelect(props: SelectProps<string>) {
  const { t } = useTranslation();
  const counsellors = useCounsellors();
  return (
    <Select
      {...props}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      className="filter-select"
      placeholder={t('cases.allCounsellors')}
      loading={counsellors.isPending}
      options={(counsellors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}
