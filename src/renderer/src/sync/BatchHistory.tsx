import { useId } from 'react';
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SyncBatchSummary } from '@shared/sync';
import { formatBytes, formatInstant } from './syncText';

/** 批次记录: the latest batches, newest first, each delivered once the county's receipt is back. */
export function BatchHistory({ history }: { history: SyncBatchSummary[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const columns: ColumnsType<SyncBatchSummary> = [
    {
      key: 'batch',
      title: t('sync.colBatch'),
      render: (_, b) => <span className="mono">{`${b.epoch}-${b.seq}`}</span>,
    },
    { key: 'changes', title: t('sync.colChanges'), dataIndex: 'changeCount', align: 'right' },
    {
      key: 'size',
      title: t('sync.colSize'),
      align: 'right',
      render: (_, b) => formatBytes(b.byteSize),
    },
    { key: 'created', title: t('sync.colCreated'), render: (_, b) => formatInstant(b.createdAt) },
    {
      key: 'status',
      title: t('sync.colStatus'),
      render: (_, b) =>
        b.status === 'delivered' ? (
          <Tag color="green" variant="filled">
            {t('sync.delivered')}
          </Tag>
        ) : (
          <Tag color="gold" variant="filled">
            {t('sync.sealed')}
          </Tag>
        ),
    },
    {
      key: 'delivered',
      title: t('sync.colDelivered'),
      render: (_, b) => (b.deliveredAt ? formatInstant(b.deliveredAt) : '—'),
    },
  ];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {t('sync.historySection')}
      </h2>
      <p className="muted">{t('sync.historyIntro')}</p>
      <Table<SyncBatchSummary>
        rowKey={(b) => `${b.epoch}-${b.seq}`}
        size="middle"
        columns={columns}
        dataSource={history}
        pagination={false}
        locale={{ emptyText: t('sync.historyEmpty') }}
      />
    </section>
  );
}
