import { useMemo } from 'react';
import { Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Figures } from '@shared/statistics';
import type { SessionUser } from '@shared/users';
import { can } from '@shared/roles';
import { useApiQuery, useCounsellors } from '../api';
import { ErrorAlert, Page } from '../components';
import { LedgerExportButton } from '../ledger';
import { PrintButton } from '../print';
import { SubmitReportButton, SubmittedReports } from './SubmittedReports';
import { Definitions, FigureGroups } from './FigureGroups';
import { PeriodFilters } from './PeriodFilters';
import { periodParams, readPeriod, type PeriodState } from './periodState';
import { StatisticsCharts } from './StatisticsCharts';

/** Nothing happened in the period: no case, record, disclosure, referral, visit, event or evaluation. */
function isEmpty(f: Figures): boolean {
  const d = f.divorce;
  return (
    d.filings + d.counselled + d.withdrawals + d.deemedWithdrawals + d.registrations + d.refusals === 0 &&
    Object.values(f.counselledByType).every((n) => n === 0) &&
    f.sessions + f.dvDisclosures + f.referrals + f.visitsDue + f.visitsDone + f.eventsHeld === 0 &&
    f.volunteerMinutes + f.volunteerEvaluations.count === 0
  );
}

/** 统计 (/statistics): the period's figures as cards and charts; every number opens its list. */
export function StatisticsPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readPeriod(params), [params]);
  const canPickCounsellor = can(user.role, 'cases.all');
  const canSubmit = can(user.role, 'cases.supervise');
  const counsellors = useCounsellors();
  const input = { from: state.from, to: state.to, counsellorId: state.counsellorId };
  // Every visit reads the figures again: nearly every write of the desk changes some of them.
  const figures = useApiQuery('statistics.get', input, {
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
  const setState = (next: PeriodState) => setParams(periodParams(next), { replace: true });
  const f = figures.data;
  const counsellorName = state.counsellorId
    ? counsellors.data?.find((u) => u.id === state.counsellorId)?.displayName
    : undefined;

  return (
    <Page
      title={t('statistics.title')}
      intro={t('statistics.intro')}
      extra={
        <>
          <LedgerExportButton from={state.from} to={state.to} counsellorId={state.counsellorId} />
          <PrintButton
            channel="print.statisticsReportPdf"
            input={input}
            label={t('statistics.printReport')}
          />
          {canSubmit ? <SubmitReportButton period={input} /> : null}
        </>
      }
    >
      <div className="panel">
        <PeriodFilters state={state} onChange={setState} canPickCounsellor={canPickCounsellor} />
        <p className="muted small stats-period-line" aria-live="polite">
          {t('statistics.periodText', { from: state.from, to: state.to })}
          {f ? ` · ${t('statistics.computedOn', { today: f.today })}` : null}
          {counsellorName ? ` · ${t('statistics.byCounsellor', { name: counsellorName })}` : null}
        </p>
        {state.counsellorId ? <p className="muted small">{t('statistics.counsellorNote')}</p> : null}
      </div>
      {canSubmit ? <SubmittedReports period={input} /> : null}
      <ErrorAlert error={figures.error} />
      {figures.isPending ? (
        <div className="panel stats-loading" role="status">
          <Spin />
          <span>{t('statistics.loading')}</span>
        </div>
      ) : f ? (
        <Spin spinning={figures.isFetching} description={t('statistics.loading')}>
          {isEmpty(f) ? (
            <div className="panel">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statistics.empty')} />
            </div>
          ) : (
            <>
              <FigureGroups figures={f} state={state} />
              <StatisticsCharts figures={f} state={state} />
              <Definitions />
            </>
          )}
        </Spin>
      ) : null}
    </Page>
  );
}
