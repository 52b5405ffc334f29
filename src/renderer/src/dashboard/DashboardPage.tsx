import { useState } from 'react';
import { Button, Radio, Skeleton, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { useApiQuery, useSettings } from '../api';
import { DaysLeft, ErrorAlert, Page } from '../components';
import { ReferralStatusTag } from '../referrals';
import { DashboardSection } from './DashboardSection';

const WINDOWS = [3, 7, 14] as const;
type Window = (typeof WINDOWS)[number];

/** 工作台: what needs the counsellor today. Every row opens its case (rows are links). */
export function DashboardPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [within, setWithin] = useState<Window>(7);
  const board = useApiQuery('dashboard.get', { withinDays: within }, { placeholderData: (p) => p });
  const settings = useSettings();
  const closingTime = settings.data?.closingTime;
  const director = can(user.role, 'cases.supervise');
  const d = board.data;

  return (
    <Page
      title={t('dashboard.title')}
      intro={d ? t('dashboard.today', { date: dayjs(d.today).format(t('dashboard.dateFormat')) }) : undefined}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/cases/new')}>
          {t('cases.new')}
        </Button>
      }
    >
      <ErrorAlert
        error={board.error}
        extra={
          board.isError ? (
            <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()}>
              {t('app.retry')}
            </Button>
          ) : undefined
        }
      />
      {board.isPending ? (
        <div className="panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : d ? (
        <div className="dashboard-grid">
          <DashboardSection
            title={t('dashboard.sessions')}
            count={d.todaySessions.length}
            empty={t('dashboard.sessionsEmpty')}
            rows={d.todaySessions.map((s) => ({
              key: s.recordId,
              caseId: s.caseId,
              caseNumber: s.caseNumber,
              tab: 'records',
              content: (
                <>
                  <span>{s.halfDay ? t(`halfDays.${s.halfDay}`) : '—'}</span>
                  <span>{s.channel ? t(`channels.${s.channel}`) : ''}</span>
                  {s.status === 'signed' ? (
                    <Tag color="green">{t('records.signedTag')}</Tag>
                  ) : (
                    <Tag color="gold">{t('records.draftTag')}</Tag>
                  )}
                </>
              ),
            }))}
          />
          <DashboardSection
            title={t('dashboard.deadlines')}
            count={d.deadlinesSoon.length}
            empty={t('dashboard.deadlinesEmpty', { days: within })}
            headerExtra={
              <Radio.Group
                size="small"
                optionType="button"
                aria-label={t('dashboard.withinLabel')}
                value={within}
                onChange={(e) => setWithin(e.target.value as Window)}
                options={WINDOWS.map((n) => ({ value: n, label: t('dashboard.withinDays', { days: n }) }))}
              />
            }
            rows={d.deadlinesSoon.map((r) => ({
              key: `${r.caseId}-${r.kind}`,
              caseId: r.caseId,
              caseNumber: r.caseNumber,
              content: (
                <>
                  <span>{t(`dashboard.kind_${r.kind}`)}</span>
                  <span className="mono">
                    {r.date} {closingTime ?? ''}
                  </span>
                  <DaysLeft days={r.daysLeft} closingTime={closingTime} />
                  <span className="muted">{r.counsellor.displayName}</span>
                </>
              ),
            }))}
          />
          <DashboardSection
            title={t('dashboard.referrals')}
            count={d.overdueReferrals.length}
            empty={t('dashboard.referralsEmpty')}
            rows={d.overdueReferrals.map((r) => ({
              key: r.referralId,
              caseId: r.caseId,
              caseNumber: r.caseNumber,
              tab: 'referrals',
              content: (
                <>
                  <span className="mono">{r.referenceNumber}</span>
                  <span>{t(`referralTargets.${r.target}`)}</span>
                  <ReferralStatusTag status={r.status} />
                  <Tag color="red">{t('referrals.overdue', { days: r.daysOverdue })}</Tag>
                </>
              ),
            }))}
          />
          <DashboardSection
            title={director ? t('dashboard.supervisionAll') : t('dashboard.supervisionMine')}
            count={d.openSupervision.length}
            empty={t('dashboard.supervisionEmpty')}
            rows={d.openSupervision.map((s) => ({
              key: s.itemId,
              caseId: s.caseId,
              caseNumber: s.caseNumber,
              tab: 'supervision',
              content: (
                <>
                  <Tag color="blue">{t(`supervisionKinds.${s.kind}`)}</Tag>
                  <span>{s.toUser?.displayName ?? s.toStation ?? '—'}</span>
                  {s.dueDate ? <span className="mono">{s.dueDate}</span> : null}
                  {s.overdue ? (
                    <Tag color="red">{t('supervision.overdue')}</Tag>
                  ) : (
                    <DaysLeft days={s.daysLeft} />
                  )}
                </>
              ),
            }))}
          />
        </div>
      ) : null}
    </Page>
  );
}
