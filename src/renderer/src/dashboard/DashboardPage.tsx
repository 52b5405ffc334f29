import { useState } from 'react';
import { Button, Radio, Skeleton, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { addDays } from '@shared/calendar';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { useApiQuery, useSettings } from '../api';
import { FIRST_PAGE, useCaseListState } from '../cases';
import { DaysLeft, ErrorAlert, Page } from '../components';
import { ReferralStatusTag } from '../referrals';
import { caseLink, DashboardSection } from './DashboardSection';
import { FIRST_WINDOW } from './prefetch';

const WINDOWS = [3, 7, 14] as const;
type Window = (typeof WINDOWS)[number];

/**
 * 工作台: what needs the counsellor today. Each section shows its true count and first rows (every row opens
 * its case or family archive), and 查看全部 N 条 leads to the full, filtered list where there is one: the
 * deadlines to 案件 filtered to the same window, overdue visits to 回访's overdue bucket.
 */
export function DashboardPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [within, setWithin] = useState<Window>(FIRST_WINDOW);
  // Right after a sign-in the answer is usually here already (prefetchHome): drawn at once.
  const board = useApiQuery('dashboard.get', { withinDays: within }, { placeholderData: (p) => p });
  const settings = useSettings();
  const closingTime = settings.data?.closingTime;
  const director = can(user.role, 'cases.supervise');
  const { setFilter } = useCaseListState();
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
            total={d.totals.todaySessions}
            empty={t('dashboard.sessionsEmpty')}
            rows={d.todaySessions.map((s) => ({
              key: s.recordId,
              number: s.caseNumber,
              to: caseLink(s.caseId, 'records'),
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
            total={d.totals.deadlinesSoon}
            empty={t('dashboard.deadlinesEmpty', { days: d.withinDays })}
            full={{
              to: '/cases',
              // The same cases as this section: running deadlines from today to today + N, soonest first.
              onFollow: () =>
                setFilter({
                  ...FIRST_PAGE,
                  sort: 'deadline_asc',
                  deadlineFrom: d.today,
                  deadlineTo: addDays(d.today, d.withinDays),
                }),
            }}
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
              number: r.caseNumber,
              to: caseLink(r.caseId),
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
            total={d.totals.overdueReferrals}
            empty={t('dashboard.referralsEmpty')}
            rows={d.overdueReferrals.map((r) => ({
              key: r.referralId,
              number: r.caseNumber,
              to: caseLink(r.caseId, 'referrals'),
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
            total={d.totals.openSupervision}
            empty={t('dashboard.supervisionEmpty')}
            rows={d.openSupervision.map((s) => ({
              key: s.itemId,
              number: s.caseNumber,
              to: caseLink(s.caseId, 'supervision'),
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
          <DashboardSection
            title={t('dashboard.overdueVisits')}
            total={d.totals.overdueVisits}
            empty={t('dashboard.overdueVisitsEmpty')}
            // The queue opens on its overdue bucket, in the same scope (a director: everyone's).
            full={{ to: '/followups', state: { bucket: 'overdue' } }}
            rows={d.overdueVisits.map((v) => ({
              key: v.visitId,
              number: v.archiveNumber,
              to: `/families/${v.familyId}`,
              content: (
                <>
                  <span>{t('dashboard.visitDue', { date: v.dueDate })}</span>
                  <Tag color="red">{t('dashboard.visitOverdue', { days: v.daysOverdue })}</Tag>
                  <span className="muted">{v.volunteer?.name ?? t('dashboard.visitNoVolunteer')}</span>
                </>
              ),
            }))}
          />
          <DashboardSection
            title={t('dashboard.safetyConcerns')}
            total={d.totals.safetyConcerns}
            empty={t('dashboard.safetyConcernsEmpty')}
            rows={d.safetyConcerns.map((c) => ({
              key: c.visitId,
              number: c.archiveNumber,
              to: `/families/${c.familyId}`,
              content: (
                <>
                  <span>{t('dashboard.concernVisitDate', { date: c.visitDate })}</span>
                  <Tag color="volcano">{t('dashboard.concernToAcknowledge')}</Tag>
                </>
              ),
            }))}
          />
        </div>
      ) : null}
    </Page>
  );
}
