import { useTranslation } from 'react-i18next';
import { daysBetween } from '@shared/calendar';
import type { Registration } from '@shared/cases';
import { DaysLeft } from '../../components';

interface Props {
  receivedDate: string;
  registration: Registration;
  today: string;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * The statutory timeline (Civil Code Art. 1077) as one bar: 受理日期 → 撤回截止日 (cooling-off), then
 * 领证期间 start → end. Each deadline is the office's closing time on that day. Once the status is final
 * the clock has stopped, so no days are counted down.
 */
export function TimelineBar({ receivedDate, registration, today }: Props) {
  const { t } = useTranslation();
  const { timeline, status, closingTime } = registration;
  const total = Math.max(1, daysBetween(receivedDate, timeline.certificateWindowEnd));
  const coolingDays = clamp(daysBetween(receivedDate, timeline.withdrawalDeadline), 0, total);
  const elapsed = clamp(daysBetween(receivedDate, today), 0, total);
  const running = status === 'accepted_cooling' || status === 'awaiting_certificate';
  const pct = (n: number) => `${(n / total) * 100}%`;

  const toWithdrawal = daysBetween(today, timeline.withdrawalDeadline);
  const toCertStart = daysBetween(today, timeline.certificateWindowStart);
  const toCertEnd = daysBetween(today, timeline.certificateWindowEnd);
  const valueText = running
    ? status === 'accepted_cooling'
      ? t('timeline.ariaCooling', { day: elapsed, deadline: timeline.withdrawalDeadline, time: closingTime })
      : t('timeline.ariaCertificate', { end: timeline.certificateWindowEnd, time: closingTime })
    : t('timeline.ariaStopped', { status: t(`registrationStatuses.${status}`) });

  return (
    <div className={running ? 'timeline' : 'timeline timeline-stopped'}>
      <div
        className="timeline-bar"
        role="progressbar"
        aria-label={t('timeline.label')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={elapsed}
        aria-valuetext={valueText}
      >
        <div className="timeline-segment timeline-cooling" style={{ width: pct(coolingDays) }} />
        <div className="timeline-segment timeline-certificate" style={{ width: pct(total - coolingDays) }} />
        {running ? <div className="timeline-fill" style={{ width: pct(elapsed) }} /> : null}
        {running ? (
          <div className="timeline-today" style={{ left: pct(elapsed) }} title={t('timeline.today')} />
        ) : null}
      </div>
      <div className="timeline-labels">
        <div className="timeline-point">
          <span className="timeline-name">{t('timeline.received')}</span>
          <span className="timeline-date">{receivedDate}</span>
        </div>
        <div className="timeline-point" style={{ left: pct(coolingDays) }}>
          <span className="timeline-name">{t('timeline.withdrawalDeadline')}</span>
          <span className="timeline-date">
            {timeline.withdrawalDeadline} {closingTime}
          </span>
          {status === 'accepted_cooling' ? <DaysLeft days={toWithdrawal} closingTime={closingTime} /> : null}
        </div>
        <div className="timeline-point timeline-point-end">
          <span className="timeline-name">{t('timeline.certificateWindow')}</span>
          <span className="timeline-date">
            {t('timeline.range', {
              start: timeline.certificateWindowStart,
              end: timeline.certificateWindowEnd,
              time: closingTime,
            })}
          </span>
          {running ? (
            toCertStart > 0 ? (
              <span className="muted">{t('timeline.startsIn', { days: toCertStart })}</span>
            ) : (
              <DaysLeft days={toCertEnd} closingTime={closingTime} />
            )
          ) : null}
        </div>
      </div>
      <p className="muted small timeline-note">{t('timeline.note', { time: closingTime })}</p>
    </div>
  );
}
