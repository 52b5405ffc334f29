import { useState } from 'react';
import { Alert, Button, Empty, Form, Radio, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { QUEUE_BUCKETS, type Queue, type QueueBucket, type QueueRow } from '@shared/followups';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { useApiQuery } from '../api';
import { ErrorAlert, Page, useServerPagination } from '../components';
import { RecordVisitModal, type VisitToRecord } from './RecordVisitModal';

/** Which bucket to open first when the user has not chosen one: what needs doing soonest. */
function firstWithVisits(counts: Queue['counts'] | undefined): QueueBucket {
  if (!counts) return 'due_week';
  return (['overdue', 'due_week', 'upcoming'] as const).find((b) => counts[b] > 0) ?? 'due_week';
}

/** Set by the visit page after a visit was recorded there, or by 我的回访 (the bucket to open). */
interface QueueState {
  notice?: string;
  bucket?: QueueBucket;
}

/**
 * 回访: the visits of the user's scope (a volunteer: their own; a counsellor: their families'; a director:
 * theirs or everyone's), in four buckets with exact counts. Each open visit has its packet (to read and
 * print) and 记录回访.
 */
export function QueuePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const worksCases = can(user.role, 'cases.work');
  const arrived = location.state as QueueState | null;
  const [chosen, setChosen] = useState<QueueBucket | null>(arrived?.bucket ?? null);
  const [scope, setScope] = useState<'mine' | 'all'>(can(user.role, 'cases.all') ? 'all' : 'mine');
  const [volunteerId, setVolunteerId] = useState<string | undefined>(undefined);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [recording, setRecording] = useState<VisitToRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(arrived?.notice ?? null);
  const [counts, setCounts] = useState<Queue['counts'] | undefined>(undefined);

  const bucket = chosen ?? firstWithVisits(counts);
  const queue = useApiQuery(
    'followups.queue',
    { bucket, scope, volunteerId, ...paging },
    { placeholderData: (previous) => previous },
  );
  const data = queue.data;
  const pagination = useServerPagination(
    paging,
    data?.total ?? 0,
    (n) => t('followups.total', { total: n }),
    setPaging,
  );
  // Remember the counts the last answer gave, so the first open bucket is the one with visits in it.
  if (data && !sameCounts(data.counts, counts)) setCounts(data.counts);
  const canSeeAll = data?.canSeeAll ?? false;
  const volunteers = useApiQuery(
    'volunteers.list',
    { status: 'all', pageSize: 200 },
    { enabled: worksCases && canSeeAll, staleTime: 60_000 },
  );

  const pick = (b: QueueBucket) => {
    setChosen(b);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<QueueRow> = [
    {
      title: t('followups.colNumber'),
      key: 'archiveNumber',
      width: 140,
      render: (_, r) => <span className="mono">{r.archiveNumber}</span>,
    },
    { title: t('followups.colFamily'), key: 'family', width: 160, render: (_, r) => r.familyName },
    {
      title: t('followups.colSeq'),
      key: 'seq',
      width: 90,
      render: (_, r) => t('followups.seqOf', { seq: r.seq, of: r.of }),
    },
    ...(bucket === 'done'
      ? [
          {
            title: t('followups.colVisitDate'),
            key: 'visitDate',
            width: 150,
            render: (_: unknown, r: QueueRow) => (
              <Space size={4} wrap>
                <span className="mono">{r.visitDate ?? '—'}</span>
                {r.safetyConcern ? <Tag color="volcano">{t('followups.concernTag')}</Tag> : null}
              </Space>
            ),
          },
        ]
      : [
          {
            title: t('followups.colDue'),
            key: 'due',
            width: 190,
            render: (_: unknown, r: QueueRow) => (
              <Space size={4} wrap>
                <span className="mono">{r.dueDate}</span>
                {r.daysOverdue > 0 ? (
                  <Tag color="red">{t('followups.daysOverdue', { days: r.daysOverdue })}</Tag>
                ) : null}
              </Space>
            ),
          },
        ]),
    // A volunteer's queue holds only their own visits.
    ...(worksCases
      ? [
          {
            title: t('followups.colVolunteer'),
            key: 'volunteer',
            width: 110,
            render: (_: unknown, r: QueueRow) =>
              r.volunteer?.name ?? <Tag color="orange">{t('followups.unassigned')}</Tag>,
          },
        ]
      : []),
    {
      title: t('followups.colFocus'),
      key: 'focus',
      width: 150,
      render: (_, r) => t(`followUpFocuses.${r.focus}`),
    },
    {
      title: t('followups.colActions'),
      key: 'actions',
      render: (_, r) => (
        <Space size="small" wrap>
          {r.status === 'scheduled' ? (
            <>
              <Button
                size="small"
                aria-label={t('followups.openPacketAria', { number: r.archiveNumber, seq: r.seq })}
                onClick={() => void navigate(`/followups/visits/${r.visitId}`)}
              >
                {t('followups.openPacket')}
              </Button>
              <Button
                size="small"
                type="primary"
                aria-label={t('followups.recordAria', { number: r.archiveNumber, seq: r.seq })}
                onClick={() =>
                  setRecording({
                    visitId: r.visitId,
                    archiveNumber: r.archiveNumber,
                    seq: r.seq,
                    focus: r.focus,
                  })
                }
              >
                {t('followups.record')}
              </Button>
            </>
          ) : null}
          {worksCases ? (
            <Link
              to={`/families/${r.familyId}`}
              aria-label={t('followups.openFamilyAria', { number: r.archiveNumber })}
            >
              {t('followups.openFamily')}
            </Link>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Page
      title={t('followups.title')}
      intro={worksCases ? t('followups.intro') : t('followups.introVolunteer')}
    >
      {notice ? (
        <Alert
          className="queue-notice"
          type="success"
          showIcon
          role="status"
          title={notice}
          closable={{ 'aria-label': t('followups.closeNotice') }}
          onClose={() => setNotice(null)}
        />
      ) : null}
      <div className="panel queue-controls">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          aria-label={t('followups.bucketsLabel')}
          value={bucket}
          onChange={(e) => pick(e.target.value as QueueBucket)}
          options={QUEUE_BUCKETS.map((b) => ({
            value: b,
            label: t('followups.bucketCount', { label: t(`queueBuckets.${b}`), count: data?.counts[b] ?? 0 }),
          }))}
        />
        {canSeeAll ? (
          <Form layout="inline" className="queue-controls" aria-label={t('followups.filtersLabel')}>
            <Form.Item label={t('followups.scopeLabel')}>
              <Radio.Group
                optionType="button"
                aria-label={t('followups.scopeLabel')}
                value={scope}
                onChange={(e) => {
                  setScope(e.target.value as 'mine' | 'all');
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                options={[
                  { value: 'mine', label: t('followups.scopeMine') },
                  { value: 'all', label: t('followups.scopeAll') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('followups.volunteerFilter')} htmlFor="queue-volunteer">
              <Select
                id="queue-volunteer"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                className="filter-select"
                placeholder={t('followups.allVolunteers')}
                loading={volunteers.isPending}
                value={volunteerId}
                onChange={(v?: string) => {
                  setVolunteerId(v);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                options={(volunteers.data?.rows ?? []).map((v) => ({ value: v.id, label: v.name }))}
              />
            </Form.Item>
          </Form>
        ) : null}
      </div>
      <ErrorAlert error={queue.error} />
      <div className="panel panel-flush">
        <Table<QueueRow>
          rowKey="visitId"
          size="middle"
          scroll={{ x: 1000 }}
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={queue.isFetching}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`followups.empty_${bucket}`)} />
            ),
          }}
          pagination={pagination}
        />
      </div>
      <RecordVisitModal visit={recording} onClose={() => setRecording(null)} onRecorded={setNotice} />
    </Page>
  );
}

function sameCounts(a: Queue['counts'], b: Queue['counts'] | undefined): boolean {
  return b !== undefined && QUEUE_BUCKETS.every((k) => a[k] === b[k]);
}
