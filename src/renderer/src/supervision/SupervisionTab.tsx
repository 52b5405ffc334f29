import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import type { CaseDetail } from '@shared/cases';
import type { SupervisionItem, SupervisionKind } from '@shared/supervision';
import type { SessionUser } from '@shared/users';
import { useApiQuery } from '../api';
import { DaysLeft, ErrorAlert } from '../components';
import { SupervisionCloseModal, type CloseAction } from './SupervisionCloseModal';
import { SupervisionFormModal } from './SupervisionFormModal';

const STATUS_COLOR = { open: 'processing', done: 'green', cancelled: 'default' } as const;

/** 交办 / 转办 / 督办 of this case: directors assign and supervise; the counsellor in charge may transfer. */
export function SupervisionTab({ detail, user }: { detail: CaseDetail; user: SessionUser }) {
  const { t } = useTranslation();
  const list = useApiQuery('supervision.list', { scope: 'case', caseId: detail.id });
  const [creating, setCreating] = useState<SupervisionKind | null>(null);
  const [closing, setClosing] = useState<{ item: SupervisionItem; action: CloseAction } | null>(null);
  const director = can(user.role, 'cases.supervise');
  const inCharge = detail.counsellor.id === user.id;
  const kinds: SupervisionKind[] = director
    ? ['assign', 'transfer', 'supervise']
    : inCharge
      ? ['transfer']
      : [];

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <ErrorAlert error={list.error} />;

  const canComplete = (i: SupervisionItem) =>
    director || i.createdBy.id === user.id || i.toUser?.id === user.id;
  const canCancel = (i: SupervisionItem) => director || i.createdBy.id === user.id;

  return (
    <div className="tab-body">
      {kinds.length > 0 ? (
        <Space className="tab-actions" wrap>
          {kinds.map((k) => (
            <Button
              key={k}
              type={k === 'transfer' && !director ? 'primary' : 'default'}
              onClick={() => setCreating(k)}
            >
              {t(`supervision.new_${k}`)}
            </Button>
          ))}
        </Space>
      ) : (
        <p className="muted">{t('supervision.whoMay')}</p>
      )}
      {list.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.empty')} />
      ) : null}
      {list.data.map((i) => (
        <Card
          key={i.id}
          size="small"
          className="supervision-card"
          title={
            <Space size="small">
              <Tag color="blue" variant="filled">
                {t(`supervisionKinds.${i.kind}`)}
              </Tag>
              <span>{i.toUser ? i.toUser.displayName : (i.toStation ?? '—')}</span>
            </Space>
          }
          extra={
            <Space size="small">
              <Tag color={STATUS_COLOR[i.status]}>{t(`supervisionStatuses.${i.status}`)}</Tag>
              {i.status === 'open' && i.overdue ? <Tag color="red">{t('supervision.overdue')}</Tag> : null}
            </Space>
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'due',
                label: t('supervision.dueDate'),
                children: i.dueDate ? (
                  <span>
                    {i.dueDate} {i.status === 'open' ? <DaysLeft days={i.daysLeft} /> : null}
                  </span>
                ) : (
                  '—'
                ),
              },
              ...(i.fromUser
                ? [{ key: 'from', label: t('supervision.fromUser'), children: i.fromUser.displayName }]
                : []),
              {
                key: 'instructions',
                label: t('supervision.instructions'),
                span: 2,
                children: <span className="pre-wrap">{i.instructions ?? '—'}</span>,
              },
              {
                key: 'created',
                label: t('supervision.createdBy'),
                children: `${i.createdBy.displayName} ${dayjs(i.createdAt).format('YYYY-MM-DD HH:mm')}`,
              },
              ...(i.closedAt
                ? [
                    {
                      key: 'closed',
                      label: t('supervision.closedBy'),
                      children: `${i.closedBy?.displayName ?? '—'} ${dayjs(i.closedAt).format('YYYY-MM-DD HH:mm')}${
                        i.closeNote ? `${t('common.colon')}${i.closeNote}` : ''
                      }`,
                    },
                  ]
                : []),
            ]}
          />
          {i.status === 'open' && (canComplete(i) || canCancel(i)) ? (
            <Space wrap className="form-actions">
              {canComplete(i) ? (
                <Button onClick={() => setClosing({ item: i, action: 'complete' })}>
                  {t('supervision.complete')}
                </Button>
              ) : null}
              {canCancel(i) ? (
                <Button danger onClick={() => setClosing({ item: i, action: 'cancel' })}>
                  {t('supervision.cancel')}
                </Button>
              ) : null}
            </Space>
          ) : null}
        </Card>
      ))}
      <SupervisionFormModal detail={detail} kind={creating} onClose={() => setCreating(null)} />
      <SupervisionCloseModal closing={closing} onClose={() => setClosing(null)} />
    </div>
  );
}
