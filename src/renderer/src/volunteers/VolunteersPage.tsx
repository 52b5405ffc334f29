import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Empty, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ChannelInput } from '@shared/contract';
import { VOLUNTEER_PROFESSIONS, type VolunteerSummary } from '@shared/volunteers';
import { useApiQuery } from '../api';
import { busyLook, ErrorAlert, Page, useServerPagination } from '../components';
import { VolunteerFormModal } from './VolunteerFormModal';
import { CertificateWarningTag, EligibilityTags, useProfessionText } from './VolunteerTags';

export type RosterFilter = ChannelInput<'volunteers.list'> & { page: number; pageSize: number };

export const FIRST_ROSTER_PAGE: RosterFilter = { page: 1, pageSize: 50, status: 'active' };

const STATUSES = ['active', 'inactive', 'all'] as const;
const SEARCH_DELAY_MS = 300;

interface Props {
  filter: RosterFilter;
  setFilter: (change: (f: RosterFilter) => RosterFilter) => void;
  canManage: boolean;
}

/** 志愿者: the roster, one server page at a time, by name; directors register volunteers here. */
export function VolunteersPage({ filter, setFilter, canManage }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const professionText = useProfessionText();
  const [typed, setTyped] = useState(filter.query ?? '');
  const [adding, setAdding] = useState(false);
  const list = useApiQuery('volunteers.list', filter, { placeholderData: (previous) => previous });
  const pagination = useServerPagination(
    filter,
    list.data?.total ?? 0,
    (n) => t('volunteers.total', { total: n }),
    (next) => setFilter((f) => ({ ...f, ...next })),
  );

  // Search as the user types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = window.setTimeout(
      () => setFilter((f) => (f.query === typed.trim() ? f : { ...f, query: typed.trim(), page: 1 })),
      SEARCH_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [typed, setFilter]);

  const columns: ColumnsType<VolunteerSummary> = [
    {
      title: t('volunteers.colName'),
      key: 'name',
      render: (_, v) => (
        <Link to={`/volunteers/${v.id}`} className="case-link" onClick={(e) => e.stopPropagation()}>
          {v.name}
        </Link>
      ),
    },
    { title: t('volunteers.colProfession'), key: 'profession', render: (_, v) => professionText(v) },
    {
      title: t('volunteers.colQualified'),
      key: 'qualified',
      render: (_, v) =>
        v.qualified ? (
          t('volunteers.qualified')
        ) : (
          <span className="muted">{t('volunteers.notQualified')}</span>
        ),
    },
    {
      title: t('volunteers.colPledge'),
      key: 'pledge',
      // The red tag is in 可否指派; here only the fact.
      render: (_, v) => v.pledgeSignedDate ?? <span className="muted">{t('volunteers.pledgeMissing')}</span>,
    },
    {
      title: t('volunteers.colAssignable'),
      key: 'assignable',
      render: (_, v) => <EligibilityTags volunteer={v} />,
    },
    {
      title: t('volunteers.colCertificates'),
      key: 'certificates',
      render: (_, v) => <CertificateWarningTag count={v.certificateWarnings} />,
    },
    {
      title: t('volunteers.colOpenVisits'),
      key: 'openVisits',
      align: 'right',
      render: (_, v) => (v.openVisits > 0 ? v.openVisits : <span className="muted">0</span>),
    },
    {
      title: t('volunteers.colAccount'),
      key: 'account',
      render: (_, v) => v.linkedUser?.displayName ?? <span className="muted">{t('volunteers.none')}</span>,
    },
  ];

  const filtered = Boolean(
    filter.query || filter.profession || filter.eligibleOnly || filter.status !== 'active',
  );

  return (
    <Page
      title={t('volunteers.title')}
      intro={t('volunteers.intro')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('volunteers.add')}
          </Button>
        ) : null
      }
    >
      <div className="panel" role="search">
        <Input.Search
          className="volunteer-search"
          allowClear
          value={typed}
          aria-label={t('volunteers.searchLabel')}
          placeholder={t('volunteers.searchPlaceholder')}
          enterButton={
            <Button type="primary" {...busyLook(list.isFetching && typed.trim() !== '')}>
              {t('volunteers.searchButton')}
            </Button>
          }
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(value) => {
            setTyped(value);
            setFilter((f) => ({ ...f, query: value.trim(), page: 1 }));
          }}
          maxLength={40}
        />
        <Form layout="inline" className="filters filters-row" aria-label={t('volunteers.filtersLabel')}>
          <Form.Item label={t('volunteers.status')} htmlFor="volunteer-status">
            <Select
              id="volunteer-status"
              className="filter-select"
              value={filter.status ?? 'active'}
              options={STATUSES.map((s) => ({ value: s, label: t(`volunteers.status_${s}`) }))}
              onChange={(status) => setFilter((f) => ({ ...f, status, page: 1 }))}
            />
          </Form.Item>
          <Form.Item label={t('volunteers.profession')} htmlFor="volunteer-profession">
            <Select
              id="volunteer-profession"
              allowClear
              className="filter-select"
              placeholder={t('volunteers.allProfessions')}
              value={filter.profession}
              options={VOLUNTEER_PROFESSIONS.map((p) => ({ value: p, label: t(`professions.${p}`) }))}
              onChange={(profession) => setFilter((f) => ({ ...f, profession, page: 1 }))}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={filter.eligibleOnly ?? false}
              onChange={(e) => setFilter((f) => ({ ...f, eligibleOnly: e.target.checked, page: 1 }))}
            >
              {t('volunteers.eligibleOnly')}
            </Checkbox>
          </Form.Item>
          {filtered ? (
            <Form.Item>
              <Button
                onClick={() => {
                  setTyped('');
                  setFilter((f) => ({ ...FIRST_ROSTER_PAGE, pageSize: f.pageSize }));
                }}
              >
                {t('volunteers.resetFilters')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
      </div>

      <ErrorAlert error={list.error} />
      <div className="panel panel-flush">
        <Table<VolunteerSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.isFetching}
          rowClassName="clickable-row"
          onRow={(v) => ({ onClick: () => void navigate(`/volunteers/${v.id}`) })}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('volunteers.empty') : t('volunteers.emptyRoster')}
              />
            ),
          }}
          pagination={pagination}
        />
      </div>
      {canManage ? (
        <VolunteerFormModal
          open={adding}
          onClose={() => setAdding(false)}
          onSaved={(v) => {
            setAdding(false);
            void message.success(t('volunteers.created'));
            void navigate(`/volunteers/${v.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
