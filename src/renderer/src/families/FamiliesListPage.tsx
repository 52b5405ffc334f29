import { useEffect, useState } from 'react';
import { Button, Empty, Input, Radio, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { FamilySummary } from '@shared/families';
import { useApiQuery } from '../api';
import { busyLook, ErrorAlert, Page, useServerPagination } from '../components';
import { FamilyFormModal } from './FamilyFormModal';
import { FamilyStatusTag, FocusTag } from './tags';

const SEARCH_DELAY_MS = 300;
const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

interface Filter {
  query: string;
  status: StatusFilter;
  page: number;
  pageSize: number;
}

/** 家庭档案: search by name or archive number, filter by status, one server page at a time. */
export function FamiliesListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>({ query: '', status: 'open', page: 1, pageSize: 50 });
  const [typed, setTyped] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useApiQuery('families.list', filter, { placeholderData: (previous) => previous });
  const pagination = useServerPagination(
    filter,
    list.data?.total ?? 0,
    (n) => t('families.total', { total: n }),
    (next) => setFilter((f) => ({ ...f, ...next })),
  );

  // Search as the user types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const query = typed.trim();
      setFilter((f) => (f.query === query ? f : { ...f, query, page: 1 }));
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const columns = useFamilyColumns();
  const filtered = filter.query !== '' || filter.status === 'closed';

  return (
    <Page
      title={t('families.title')}
      intro={t('families.intro')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('families.new')}
        </Button>
      }
    >
      <div className="panel family-filters" role="search">
        <Input.Search
          className="family-search"
          allowClear
          value={typed}
          aria-label={t('families.searchLabel')}
          placeholder={t('families.searchPlaceholder')}
          maxLength={40}
          enterButton={
            <Button type="primary" {...busyLook(filter.query !== '' && list.isFetching)}>
              {t('families.searchButton')}
            </Button>
          }
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(value) => {
            setTyped(value);
            setFilter((f) => ({ ...f, query: value.trim(), page: 1 }));
          }}
        />
        <Radio.Group
          optionType="button"
          aria-label={t('families.statusFilter')}
          value={filter.status}
          onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as StatusFilter, page: 1 }))}
          options={STATUS_FILTERS.map((v) => ({
            value: v,
            label: v === 'all' ? t('families.statusAll') : t(`familyStatuses.${v}`),
          }))}
        />
      </div>
      <ErrorAlert error={list.error} />
      <div className="panel panel-flush">
        <Table<FamilySummary>
          rowKey="id"
          size="middle"
          scroll={{ x: 1100 }}
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.isFetching}
          rowClassName="clickable-row"
          onRow={(r) => ({ onClick: () => void navigate(`/families/${r.id}`) })}
          locale={{
            emptyText: filtered ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.emptySearch')} />
            ) : (
              <div className="family-empty">
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <>
                      <strong>{t('families.emptyTitle')}</strong>
                      <p className="family-empty-text">{t('families.emptyBody')}</p>
                    </>
                  }
                >
                  <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                    {t('families.new')}
                  </Button>
                </Empty>
              </div>
            ),
          }}
          pagination={pagination}
        />
      </div>
      <FamilyFormModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

function useFamilyColumns(): ColumnsType<FamilySummary> {
  const { t } = useTranslation();
  return [
    {
      title: t('families.colNumber'),
      key: 'archiveNumber',
      width: 150,
      render: (_, r) => (
        <Link to={`/families/${r.id}`} className="case-link" onClick={(e) => e.stopPropagation()}>
          {r.archiveNumber}
        </Link>
      ),
    },
    { title: t('families.colName'), key: 'name', width: 200, render: (_, r) => r.name },
    {
      title: t('families.colStatus'),
      key: 'status',
      width: 90,
      render: (_, r) => <FamilyStatusTag status={r.status} />,
    },
    {
      title: t('families.colFocus'),
      key: 'focus',
      width: 170,
      render: (_, r) => <FocusTag focus={r.focus} />,
    },
    {
      title: t('families.colMembers'),
      key: 'members',
      width: 70,
      render: (_, r) => t('families.membersCount', { n: r.members }),
    },
    {
      title: t('families.colCases'),
      key: 'cases',
      width: 70,
      render: (_, r) => t('families.casesCount', { n: r.cases }),
    },
    {
      title: t('families.colNextVisit'),
      key: 'nextVisit',
      width: 170,
      render: (_, r) =>
        r.nextVisit ? (
          <div className="cell-stack">
            <span>
              <span className="mono">{r.nextVisit.dueDate}</span>{' '}
              {r.nextVisit.overdue ? <Tag color="red">{t('families.overdueTag')}</Tag> : null}
            </span>
            <span className="muted small">{r.nextVisit.volunteerName ?? t('families.unassigned')}</span>
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('families.colCounsellor'),
      key: 'counsellor',
      width: 100,
      render: (_, r) => r.counsellor.displayName,
    },
    {
      title: t('families.colUpdated'),
      key: 'updatedAt',
      width: 110,
      render: (_, r) => dayjs(r.updatedAt).format('YYYY-MM-DD'),
    },
  ];
}
