import { useId } from 'react';
import { Button, Empty, Skeleton, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { QueueBucket, QueueRow } from '@shared/followups';
import { useApiQuery } from '../api';
import { ErrorAlert } from '../components';
import './followups.css';

const SHOWN = 5;
const COUNTED = ['overdue', 'due_week', 'upcoming'] as const satisfies readonly QueueBucket[];

/**
 * 我的回访: a volunteer's home. The counts of their own visits and the ones to do now (overdue and due this
 * week), each opening its packet; everything else is on the 回访 page.
 */
export function MyVisits() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const overdue = useApiQuery('followups.queue', { bucket: 'overdue', pageSize: SHOWN });
  const week = useApiQuery('followups.queue', { bucket: 'due_week', pageSize: SHOWN });
  const counts = overdue.data?.counts ?? week.data?.counts;
  const rows: QueueRow[] = [...(overdue.data?.rows ?? []), ...(week.data?.rows ?? [])];
  const none = counts !== undefined && COUNTED.every((b) => counts[b] === 0);
  // Nothing to do now: say when the next visit falls due.
  const later = useApiQuery(
    'followups.queue',
    { bucket: 'upcoming', pageSize: 1 },
    { enabled: counts !== undefined && rows.length === 0 && counts.upcoming > 0 },
  );
  const next = later.data?.rows[0];

  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id} className="panel-title">
          {t('followups.myTitle')}
        </h2>
        <Button onClick={() => void navigate('/followups')}>{t('followups.myAll')}</Button>
      </div>
      <ErrorAlert error={overdue.error ?? week.error} />
      {counts === undefined ? (
        overdue.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : null
      ) : none ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followups.myNone')} />
      ) : (
        <>
          <div className="my-visits-counts">
            {COUNTED.map((b) => (
              <Link
                key={b}
                to="/followups"
                state={{ bucket: b }}
                className={`my-visits-count${b === 'overdue' && counts[b] > 0 ? ' is-overdue' : ''}`}
              >
                <span>{t(`queueBuckets.${b}`)}</span>
                <strong>{t('followups.myCount', { count: counts[b] })}</strong>
              </Link>
            ))}
          </div>
          {rows.length === 0 ? (
            <p className="muted">
              {next
                ? t('followups.myNothingNowNext', { date: next.dueDate, number: next.archiveNumber })
                : t('followups.myNothingNow')}
            </p>
          ) : (
            <>
              <h3 className="my-visits-now">{t('followups.myNow')}</h3>
              <ul className="dashboard-list">
                {rows.map((r) => (
                  <li key={r.visitId}>
                    <Link className="dashboard-row" to={`/followups/visits/${r.visitId}`}>
                      <span className="dashboard-case mono">{r.archiveNumber}</span>
                      <span className="dashboard-content">
                        <span>{r.familyName}</span>
                        <span>{t('followups.seqOf', { seq: r.seq, of: r.of })}</span>
                        <span className="mono">{r.dueDate}</span>
                        {r.daysOverdue > 0 ? (
                          <Tag color="red">{t('followups.daysOverdue', { days: r.daysOverdue })}</Tag>
                        ) : null}
                      </span>
                      <RightOutlined aria-hidden="true" className="dashboard-chevron" />
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
