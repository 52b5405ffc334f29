import { useMemo } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseListRow } from '@shared/cases';
import { daysLeft, DaysLeft, officeToday, ResultTag } from '../../components';
import { RiskTags } from '../common/RiskTags';
import { StatusTag } from '../common/StatusTag';
import { PartyNames } from './PartyNames';

/**
 * The columns of a case row (list and search results). Widths are fixed because the list is windowed.
 * The case number is a real link, so every row opens from the keyboard. The same array while the language
 * and the day stay: antd redraws every visible cell when it is handed new columns.
 */
export function useCaseColumns<T extends CaseListRow>(): ColumnsType<T> {
  const { t } = useTranslation();
  const today = officeToday();
  return useMemo<ColumnsType<T>>(
    () => [
      {
        title: t('cases.colNumber'),
        key: 'caseNumber',
        width: 140,
        render: (_, r) => (
          <Link to={`/cases/${r.id}`} className="case-link" onClick={(e) => e.stopPropagation()}>
            {r.caseNumber}
          </Link>
        ),
      },
      {
        title: t('cases.colParties'),
        key: 'parties',
        width: 220,
        render: (_, r) => <PartyNames parties={r.parties} />,
      },
      { title: t('cases.type'), key: 'type', width: 120, render: (_, r) => t(`caseTypes.${r.type}`) },
      { title: t('cases.colReceived'), key: 'receivedDate', width: 105, render: (_, r) => r.receivedDate },
      {
        title: t('cases.status'),
        key: 'status',
        width: 100,
        render: (_, r) => <StatusTag status={r.registrationStatus} />,
      },
      {
        title: t('cases.colNextDeadline'),
        key: 'nextDeadline',
        width: 125,
        render: (_, r) =>
          r.nextDeadline ? (
            <div className="cell-stack">
              <span>{r.nextDeadline}</span>
              <DaysLeft days={daysLeft(today, r.nextDeadline)} />
            </div>
          ) : (
            <span className="muted">—</span>
          ),
      },
      {
        title: t('cases.counsellor'),
        key: 'counsellor',
        width: 90,
        render: (_, r) => r.counsellor.displayName,
      },
      {
        title: t('cases.colRisk'),
        key: 'risk',
        width: 100,
        render: (_, r) => <RiskTags risk={r.risk} />,
      },
      {
        title: t('cases.colResult'),
        key: 'result',
        width: 90,
        render: (_, r) => <ResultTag result={r.result} />,
      },
    ],
    [t, today],
  );
}
