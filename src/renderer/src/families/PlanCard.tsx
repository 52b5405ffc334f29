import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Plan, Visit, VisitStatus } from '@shared/followups';
import { errorMessage, useApiMutation } from '../api';
import { BusyButton } from '../components';
import { VisitRecordView, type VisitToRecord } from '../followups';
import type { ReasonRequest } from '../components';
import { FocusTag, PlanStatusTag } from './tags';

const VISIT_COLOR: Record<VisitStatus, string> = {
  scheduled: 'processing',
  on_hold: 'gold',
  done: 'green',
  cancelled: 'default',
};

/** One line of the schedule: a visit made or open, or a date still to come. */
interface Line {
  key: string;
  seq: number;
  dueDate: string;
  visit: Visit | null;
}

interface Props {
  plan: Plan;
  archiveNumber: string;
  /** The archive is open and the user works it: assign, record, pause, resume, close. */
  editable: boolean;
  confirm: (request: ReasonRequest) => void;
  onAssign: (plan: Plan) => void;
  onRecord: (visit: VisitToRecord) => void;
}

/** 回访计划: its status, focus and volunteer, every visit made or open and the dates still to come. */
export function PlanCard({ plan, archiveNumber, editable, confirm, onAssign, onRecord }: Props) {
  const { t } = useTranslation();
  const setStatus = useApiMutation('followups.setPlanStatus');
  const [expanded, setExpanded] = useState<string[]>([]);
  const running = plan.status !== 'closed';
  const canChange = editable && running;

  const lines: Line[] = [
    ...plan.visits.map((v) => ({ key: v.id, seq: v.seq, dueDate: v.dueDate, visit: v })),
    ...plan.upcoming.map((u) => ({ key: `upcoming-${u.seq}`, seq: u.seq, dueDate: u.dueDate, visit: null })),
  ];

  const toggle = (id: string) =>
    setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));

  const changeStatus = (status: 'paused' | 'closed') =>
    confirm({
      title: t(`families.${status === 'paused' ? 'pauseTitle' : 'closePlanTitle'}`),
      intro: t(`families.${status === 'paused' ? 'pauseIntro' : 'closePlanIntro'}`),
      okText: t(`families.${status === 'paused' ? 'pause' : 'closePlan'}`),
      danger: status === 'closed',
      done: t(`families.${status === 'paused' ? 'paused' : 'planClosed'}`),
      run: (reason) => setStatus.mutateAsync({ planId: plan.id, status, reason }),
    });

  const columns: ColumnsType<Line> = [
    {
      title: t('families.colSeq'),
      key: 'seq',
      width: 80,
      render: (_, l) => t('families.seqN', { n: l.seq }),
    },
    {
      title: t('families.colDue'),
      key: 'due',
      width: 120,
      render: (_, l) => <span className="mono">{l.dueDate}</span>,
    },
    {
      title: t('families.colVisitStatus'),
      key: 'status',
      width: 200,
      render: (_, l) =>
        l.visit ? (
          <Space size={4} wrap>
            <Tag color={VISIT_COLOR[l.visit.status]}>{t(`visitStatuses.${l.visit.status}`)}</Tag>
            {l.visit.overdue && plan.status === 'active' ? (
              <Tag color="red">{t('families.daysOverdue', { days: l.visit.daysOverdue })}</Tag>
            ) : null}
            {l.visit.safetyConcern ? <Tag color="volcano">{t('families.concernTag')}</Tag> : null}
          </Space>
        ) : (
          <Tag>{t('families.notYetOpen')}</Tag>
        ),
    },
    {
      title: t('families.colVisitDate'),
      key: 'visitDate',
      width: 110,
      render: (_, l) => (l.visit?.visitDate ? <span className="mono">{l.visit.visitDate}</span> : '—'),
    },
    {
      title: t('families.colVolunteer'),
      key: 'volunteer',
      width: 110,
      render: (_, l) =>
        l.visit
          ? (l.visit.volunteer?.name ?? <span className="muted">{t('families.noVolunteer')}</span>)
          : '',
    },
    {
      title: t('families.actions'),
      key: 'actions',
      render: (_, l) => {
        const v = l.visit;
        if (!v) return null;
        if (v.status === 'done') {
          const open = expanded.includes(v.id);
          return (
            <Button
              size="small"
              aria-expanded={open}
              aria-label={t(open ? 'families.hideRecordAria' : 'families.showRecordAria', { n: v.seq })}
              onClick={() => toggle(v.id)}
            >
              {open ? t('families.hideRecord') : t('families.showRecord')}
            </Button>
          );
        }
        if (v.status !== 'scheduled' || !running) return null;
        return (
          <Space size="small" wrap>
            <Link to={`/followups/visits/${v.id}`} aria-label={t('families.packetAria', { n: v.seq })}>
              {t('families.visitPacket')}
            </Link>
            {editable && plan.status === 'active' ? (
              <Button
                size="small"
                type="primary"
                aria-label={t('families.recordAria', { n: v.seq })}
                onClick={() =>
                  onRecord({
                    visitId: v.id,
                    archiveNumber,
                    seq: v.seq,
                    focus: plan.focus,
                    notBefore: plan.startDate,
                  })
                }
              >
                {t('families.recordVisit')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      className="plan-card"
      size="small"
      title={t('families.planTitle', { result: t(`results.${plan.result}`) })}
      extra={<PlanStatusTag status={plan.status} />}
    >
      <dl className="plan-facts">
        <div>
          <dt>
            {t('families.planFocus')}
            {t('common.colon')}
          </dt>
          <dd>
            <FocusTag focus={plan.focus} />
          </dd>
        </div>
        <div>
          <dt>
            {t('families.planSchedule')}
            {t('common.colon')}
          </dt>
          <dd>{t('families.planMonths', { months: plan.months.join(t('common.enumSep')) })}</dd>
        </div>
        <div>
          <dt>
            {t('families.planStart')}
            {t('common.colon')}
          </dt>
          <dd className="mono">{plan.startDate}</dd>
        </div>
        <div>
          <dt>
            {t('families.planVolunteer')}
            {t('common.colon')}
          </dt>
          <dd>
            {plan.volunteer ? plan.volunteer.name : <Tag color="orange">{t('families.noVolunteer')}</Tag>}
            {canChange ? (
              <Button
                size="small"
                type={plan.volunteer ? 'default' : 'primary'}
                onClick={() => onAssign(plan)}
              >
                {plan.volunteer ? t('families.reassign') : t('families.assign')}
              </Button>
            ) : null}
          </dd>
        </div>
      </dl>
      {plan.status === 'paused' ? (
        <Alert
          className="plan-note"
          type="warning"
          showIcon
          title={t('families.pausedNote', { reason: plan.statusReason ?? '—' })}
        />
      ) : null}
      {plan.status === 'closed' ? (
        <p className="plan-note muted">
          {t('families.closedPlanNote', {
            cause: plan.closeCause ? t(`planCloseCauses.${plan.closeCause}`) : '—',
          })}
          {plan.statusReason ? t('families.closedPlanReason', { reason: plan.statusReason }) : ''}
        </p>
      ) : null}
      <Table<Line>
        className="plan-visits"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        rowClassName={(l) => (l.visit ? '' : 'plan-upcoming-row')}
        expandable={{
          expandedRowKeys: expanded,
          showExpandColumn: false,
          rowExpandable: (l) => l.visit?.status === 'done',
          expandedRowRender: (l) => (l.visit ? <VisitRecordView visit={l.visit} /> : null),
        }}
      />
      {plan.upcoming.length > 0 ? (
        <p className="muted small plan-note">{t('families.upcomingNote')}</p>
      ) : null}
      {canChange ? (
        <Space wrap>
          {plan.status === 'active' ? (
            <Button onClick={() => changeStatus('paused')}>{t('families.pause')}</Button>
          ) : (
            <ResumeButton plan={plan} />
          )}
          <Button danger onClick={() => changeStatus('closed')}>
            {t('families.closePlan')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

function ResumeButton({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const resume = useApiMutation('followups.setPlanStatus');
  const { message } = App.useApp();
  return (
    <BusyButton
      type="primary"
      busy={resume.isPending}
      onClick={() =>
        resume.mutate(
          { planId: plan.id, status: 'active', reason: null },
          {
            onSuccess: () => void message.success(t('families.resumed')),
            onError: (e) => void message.error(errorMessage(e)),
          },
        )
      }
    >
      {t('families.resume')}
    </BusyButton>
  );
}
