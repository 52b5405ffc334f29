import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListKind, StatisticsListRow } from '@shared/statistics';
import { ResultTag } from '../components';
import { formatCount, formatHours } from './format';

type Column = ColumnsType<StatisticsListRow>[number];

const muted = <span className="muted">—</span>;

/** Where a row leads: the case, the family archive of a visit, the volunteer; events have no page of their own. */
function rowLink(t: TFunction, kind: ListKind, r: StatisticsListRow): { to: string; aria: string } | null {
  if (r.caseId) return { to: `/cases/${r.caseId}`, aria: t('statistics.openCase', { label: r.label }) };
  if (kind === 'visits' && r.familyId) {
    return { to: `/families/${r.familyId}`, aria: t('statistics.openFamily', { label: r.label }) };
  }
  if (kind === 'volunteers') {
    return { to: `/volunteers/${r.id}`, aria: t('statistics.openVolunteer', { label: r.label }) };
  }
  return null;
}

/** A stored code in words (a value from a newer desk stays as written). */
function codeText(t: TFunction, kind: ListKind, code: string | null): string | null {
  if (code === null) return null;
  const key =
    kind === 'cases'
      ? `caseTypes.${code}`
      : kind === 'records'
        ? `channels.${code}`
        : kind === 'referrals'
          ? `referralTargets.${code}`
          : kind === 'events'
            ? `eventTypes.${code}`
            : null;
  return key ? t(key as 'caseTypes.premarital', { defaultValue: code }) : code;
}

function statusText(t: TFunction, kind: ListKind, status: string | null): string | null {
  if (status === null) return null;
  const key =
    kind === 'cases'
      ? `registrationStatuses.${status}`
      : kind === 'records'
        ? `satisfaction.${status}`
        : kind === 'referrals'
          ? `referralStatuses.${status}`
          : kind === 'visits'
            ? `visitStatuses.${status}`
            : null;
  return key ? t(key as 'visitStatuses.done', { defaultValue: status }) : status;
}

const LABEL_TITLE = {
  cases: 'colLabelCases',
  records: 'colLabelCases',
  disclosures: 'colLabelCases',
  referrals: 'colLabelReferrals',
  visits: 'colLabelVisits',
  events: 'colLabelEvents',
  volunteers: 'colLabelVolunteers',
  evaluations: 'colLabelVolunteers',
} as const satisfies Record<ListKind, string>;

const DATE_TITLE = {
  cases: 'colDate',
  records: 'colDateRecords',
  disclosures: 'colDateDisclosures',
  referrals: 'colDateReferrals',
  visits: 'colDateVisits',
  events: 'colDateEvents',
  volunteers: null,
  evaluations: 'colDateEvaluations',
} as const satisfies Record<ListKind, string | null>;

const CODE_TITLE = {
  cases: 'colType',
  records: 'colChannel',
  referrals: 'colTarget',
  events: 'colEventType',
} as const satisfies Partial<Record<ListKind, string>>;

const STATUS_TITLE = {
  cases: 'colStatus',
  records: 'colSatisfaction',
  referrals: 'colReferralStatus',
  visits: 'colVisitStatus',
} as const satisfies Partial<Record<ListKind, string>>;

const AMOUNT_TITLE = {
  events: 'colAttendees',
  volunteers: 'colMinutes',
  evaluations: 'colScore',
} as const satisfies Partial<Record<ListKind, string>>;

const WITH_RESULT: readonly ListKind[] = ['cases', 'records'];
const WITH_COUNSELLOR: readonly ListKind[] = ['cases', 'records', 'disclosures', 'referrals', 'visits'];

/** The columns of a drill-down list of one kind; the first is a real link to the row's page. */
export function useListColumns(kind: ListKind): ColumnsType<StatisticsListRow> {
  const { t } = useTranslation();
  const cols: Column[] = [
    {
      title: t(`statistics.${LABEL_TITLE[kind]}`),
      key: 'label',
      render: (_, r) => {
        const link = rowLink(t, kind, r);
        return link ? (
          <Link to={link.to} className="case-link" aria-label={link.aria}>
            {r.label}
          </Link>
        ) : (
          r.label
        );
      },
    },
  ];
  const dateTitle = DATE_TITLE[kind];
  if (dateTitle) {
    cols.push({
      title: t(`statistics.${dateTitle}`),
      key: 'date',
      width: 120,
      render: (_, r) => r.date ?? muted,
    });
  }
  const codeTitle = CODE_TITLE[kind as keyof typeof CODE_TITLE] as string | undefined;
  if (codeTitle) {
    cols.push({
      title: t(`statistics.${codeTitle as 'colType'}`),
      key: 'code',
      width: 150,
      render: (_, r) => codeText(t, kind, r.code) ?? muted,
    });
  }
  const statusTitle = STATUS_TITLE[kind as keyof typeof STATUS_TITLE] as string | undefined;
  if (statusTitle) {
    cols.push({
      title: t(`statistics.${statusTitle as 'colStatus'}`),
      key: 'status',
      width: 120,
      render: (_, r) => statusText(t, kind, r.status) ?? muted,
    });
  }
  if (WITH_RESULT.includes(kind)) {
    cols.push({
      title: t('statistics.colResult'),
      key: 'result',
      width: 110,
      render: (_, r) => (r.result ? <ResultTag result={r.result} /> : muted),
    });
  }
  if (WITH_COUNSELLOR.includes(kind)) {
    cols.push({
      title: t('statistics.colCounsellor'),
      key: 'counsellor',
      width: 110,
      render: (_, r) => r.counsellor?.displayName ?? muted,
    });
  }
  const amountTitle = AMOUNT_TITLE[kind as keyof typeof AMOUNT_TITLE] as string | undefined;
  if (amountTitle) {
    cols.push({
      title: t(`statistics.${amountTitle as 'colScore'}`),
      key: 'amount',
      width: 110,
      align: 'right',
      render: (_, r) =>
        r.amount === null ? muted : kind === 'volunteers' ? formatHours(t, r.amount) : formatCount(r.amount),
    });
  }
  return cols;
}
