import { useId } from 'react';
import { Alert, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SyncStatus } from '@shared/sync';
import { formatInstant, lastErrorMessage, skewAmount } from './syncText';

interface Props {
  status: SyncStatus;
  /** May enrol the desk (settings.manage): the "not enrolled" note links to 设置 → 同步. */
  canManage: boolean;
}

/** 同步状态: enrolment, what is waiting, when it last worked, when it tries next, and what went wrong. */
export function SyncStatusPanel({ status, canManage }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const { enrolment, lastError, clockSkewMinutes } = status;
  const skew = clockSkewMinutes === null ? null : skewAmount(clockSkewMinutes);

  const nextAttempt = status.running
    ? t('sync.running')
    : status.nextAttemptAt
      ? formatInstant(status.nextAttemptAt)
      : !enrolment
        ? '—'
        : status.settings.autoSync
          ? t('sync.notScheduled')
          : t('sync.autoOff');

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {t('sync.statusSection')}
      </h2>
      {enrolment ? null : (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          role="note"
          title={canManage ? t('sync.notEnrolledAdmin') : t('sync.notEnrolledOther')}
          description={
            canManage ? (
              <Link to="/settings" state={{ focus: 'sync' }}>
                {t('sync.goToSettings')}
              </Link>
            ) : undefined
          }
        />
      )}
      <Descriptions
        className="sync-facts"
        column={1}
        items={[
          {
            key: 'enrolment',
            label: t('sync.enrolment'),
            children: enrolment ? (
              <Tag color="green" variant="filled">
                {t('sync.enrolledAs', { station: enrolment.station })}
              </Tag>
            ) : (
              <Tag variant="filled">{t('sync.notEnrolled')}</Tag>
            ),
          },
          {
            key: 'pending',
            label: t('sync.pending'),
            children: (
              <span>
                <strong className="sync-count" data-testid="sync-pending">
                  {t('sync.pendingCount', { count: status.pendingChanges })}
                </strong>
                {status.sealedBatches > 0 ? (
                  <span className="muted sync-note">
                    {t('sync.sealedNote', { count: status.sealedBatches })}
                  </span>
                ) : null}
              </span>
            ),
          },
          {
            key: 'lastSuccess',
            label: t('sync.lastSuccess'),
            children: status.lastSuccessAt ? formatInstant(status.lastSuccessAt) : t('sync.never'),
          },
          { key: 'next', label: t('sync.nextAttempt'), children: nextAttempt },
          ...(clockSkewMinutes !== null && skew
            ? [
                {
                  key: 'clockSkew',
                  label: t('sync.clockSkew'),
                  children: (
                    <Alert
                      className="sync-clock"
                      type="warning"
                      showIcon
                      role="note"
                      data-testid="sync-clock-skew"
                      title={t(clockSkewMinutes > 0 ? 'sync.clockAhead' : 'sync.clockBehind', {
                        amount: t(`sync.${skew.key}`, { count: skew.count }),
                      })}
                    />
                  ),
                },
              ]
            : []),
          {
            key: 'lastError',
            label: t('sync.lastError'),
            children: lastError ? (
              <Alert
                className="sync-error"
                type="error"
                showIcon
                role="alert"
                title={lastErrorMessage(lastError)}
                description={t('sync.errorAt', { time: formatInstant(lastError.at) })}
              />
            ) : (
              t('sync.noError')
            ),
          },
        ]}
      />
    </section>
  );
}
