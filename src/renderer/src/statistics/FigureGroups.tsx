import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_KEYS, RATE_KEYS, type Figures, type IndicatorKey, type RateKey } from '@shared/statistics';
import { formatCount, formatHourCount, indicatorDefinition, indicatorName } from './format';
import type { PeriodState } from './periodState';
import { BreakdownTile, CountTile, definitionId, FigureLink, RateTile } from './tiles';

function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel stats-group" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      <div className="stats-tiles">{children}</div>
    </section>
  );
}

interface Props {
  figures: Figures;
  state: PeriodState;
}

/** The headline figures, grouped as docs/indicators.md groups them. */
export function FigureGroups({ figures: f, state }: Props) {
  const { t } = useTranslation();
  const d = f.divorce;
  const tile = (indicator: IndicatorKey, value: number) => (
    <CountTile key={indicator} state={state} indicator={indicator} value={value} />
  );
  const evaluations = f.volunteerEvaluations;
  return (
    <>
      <Group title={t('statistics.groupDivorce')}>
        {tile('filings', d.filings)}
        {tile('filingsCounselled', d.filingsCounselled)}
        <RateTile state={state} rateKey="counsellingRate" rate={d.counsellingRate} />
        {tile('counselled', d.counselled)}
        {tile('resultReconcile', d.resultReconcile)}
        {tile('resultPostpone', d.resultPostpone)}
        {tile('resultDivorce', d.resultDivorce)}
        {tile('reconciledBroad', d.reconciledBroad)}
        <RateTile state={state} rateKey="reconciliationRateBroad" rate={d.reconciliationRateBroad} />
        <RateTile state={state} rateKey="reconciliationRateStrict" rate={d.reconciliationRateStrict} />
        {tile('withdrawals', d.withdrawals)}
        {tile('deemedWithdrawals', d.deemedWithdrawals)}
        {tile('registrations', d.registrations)}
        {tile('refusals', d.refusals)}
      </Group>
      <Group title={t('statistics.groupCounselling')}>
        {tile('sessions', f.sessions)}
        <BreakdownTile state={state} indicator="counselledByType" counts={f.counselledByType} />
        <BreakdownTile state={state} indicator="sessionsByChannel" counts={f.sessionsByChannel} />
        <BreakdownTile state={state} indicator="satisfaction" counts={f.satisfaction} />
        <BreakdownTile
          state={state}
          indicator="reasons"
          counts={f.reasons}
          note={t('statistics.reasonsNote')}
        />
      </Group>
      <Group title={t('statistics.groupProtection')}>
        {tile('dvDisclosures', f.dvDisclosures)}
        {tile('referrals', f.referrals)}
        <BreakdownTile state={state} indicator="referralsByTarget" counts={f.referralsByTarget} />
        <BreakdownTile state={state} indicator="referralsByStatus" counts={f.referralsByStatus} />
      </Group>
      <Group title={t('statistics.groupFollowups')}>
        {tile('visitsDue', f.visitsDue)}
        {tile('visitsDone', f.visitsDone)}
        {tile('visitsOverdue', f.visitsOverdue)}
      </Group>
      <Group title={t('statistics.groupOutreach')}>
        {tile('eventsHeld', f.eventsHeld)}
        {tile('eventAttendees', f.eventAttendees)}
        <CountTile
          state={state}
          indicator="volunteerHours"
          value={f.volunteerMinutes}
          text={formatHourCount(f.volunteerMinutes)}
        />
        <div className="stats-tile" aria-describedby={definitionId('volunteerEvaluations')}>
          <div className="stats-tile-name">{indicatorName(t, 'volunteerEvaluations')}</div>
          <FigureLink
            state={state}
            target={{ indicator: 'volunteerEvaluations' }}
            name={indicatorName(t, 'volunteerEvaluations')}
            text={formatCount(evaluations.count)}
          />
          <div className="muted small">
            {evaluations.averageScore === null
              ? t('statistics.noAverage')
              : t('statistics.averageScore', { score: evaluations.averageScore.toFixed(1) })}
          </div>
        </div>
      </Group>
    </>
  );
}

const DEFINED: readonly (IndicatorKey | RateKey)[] = [
  ...INDICATOR_KEYS.slice(0, INDICATOR_KEYS.indexOf('withdrawals')),
  ...RATE_KEYS,
  ...INDICATOR_KEYS.slice(INDICATOR_KEYS.indexOf('withdrawals')),
];

/** The footnote: every indicator's definition, the same words as the ledger and the reports. */
export function Definitions() {
  const { t } = useTranslation();
  return (
    <details className="panel stats-definitions">
      <summary className="stats-definitions-title">{t('statistics.definitionsTitle')}</summary>
      <p className="muted small">{t('statistics.definitionsIntro')}</p>
      <dl>
        {DEFINED.map((key) => (
          <div key={key} className="stats-definition-row">
            <dt>{indicatorName(t, key)}</dt>
            <dd id={definitionId(key)}>{indicatorDefinition(t, key)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
