import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Form, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditFilter } from '@shared/audit';
import type { SessionUser } from '@shared/users';
import { useApiMutation, useAuditList, useUsers } from '../api';
import { BusyButton, ErrorAlert, Page, usePaginationNames } from '../components';
import { actionLabel, detailText, targetLabel } from './labels';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: AuditAction;
  actorId?: string;
}

const DAY = 'YYYY-MM-DD';
const FIRST_PAGE = { page: 1, pageSize: 50 };

/** 审计日志 (admin, director): filter, page, and verify the hash chain. */
export function AuditPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const pageNames = usePaginationNames();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>(FIRST_PAGE);
  const list = useAuditList(filter);
  const verify = useApiMutation('audit.verify');
  // Directors may not list users; they pick from the people seen in the log so far.
  const users = useUsers(can(user.role, 'users.manage'));
  const [seenActors, setSeenActors] = useState<ReadonlyMap<string, string>>(new Map());
  const [seenPage, setSeenPage] = useState(list.data);
  if (list.data !== seenPage) {
    // Adjusting state while rendering (React's pattern for "remember what earlier pages showed").
    setSeenPage(list.data);
    const next = new Map(seenActors);
    for (const r of list.data?.rows ?? []) if (r.actorId && r.actorName) next.set(r.actorId, r.actorName);
    if (next.size !== seenActors.size) setSeenActors(next);
  }

  const userNames = useMemo(() => {
    const names = new Map(seenActors);
    for (const u of users.data ?? []) names.set(u.id, u.displayName);
    return names;
  }, [seenActors, users.data]);

  const applyFilters = (_: unknown, values: FilterValues) => {
    const [from, to] = values.range ?? [];
    setFilter({
      ...FIRST_PAGE,
      pageSize: filter.pageSize,
      from: from ? from.format(DAY) : undefined,
      to: to ? to.format(DAY) : undefined,
      action: values.action,
      actorId: values.actorId,
    });
  };

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.colTime'),
      key: 'at',
      width: 180,
      render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.colActor'),
      key: 'actor',
      width: 140,
      render: (_, e) => e.actorName ?? t('audit.system'),
    },
    { title: t('audit.colAction'), key: 'action', width: 160, render: (_, e) => actionLabel(t, e.action) },
    {
      title: t('audit.colTarget'),
      key: 'target',
      width: 180,
      render: (_, e) => targetLabel(t, e, userNames),
    },
    { title: t('audit.colDetail'), key: 'detail', render: (_, e) => detailText(t, e.detail, e.action) },
  ];

  const result = verify.data;
  return (
    <Page
      title={t('audit.title')}
      intro={t('audit.intro')}
      extra={
        <BusyButton
          icon={<SafetyCertificateOutlined />}
          busy={verify.isPending}
          onClick={() => verify.mutate(null)}
        >
          {t('audit.verify')}
        </BusyButton>
      }
    >
      {result ? (
        result.intact ? (
          <Alert
            className="form-alert"
            type="success"
            showIcon
            role="status"
            title={t('audit.intact', { count: result.count })}
          />
        ) : (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            role="alert"
            title={t('audit.broken', { seq: result.firstBrokenSeq })}
            description={t('audit.brokenBody')}
          />
        )
      ) : null}
      <ErrorAlert error={verify.error ?? list.error} />

      <div className="panel">
        <Form<FilterValues> form={form} layout="inline" className="filters" onValuesChange={applyFilters}>
          <Form.Item label={t('audit.dateRange')} name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item label={t('audit.action')} name="action">
            <Select
              allowClear
              className="filter-select"
              placeholder={t('audit.allActions')}
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            />
          </Form.Item>
          <Form.Item label={t('audit.actor')} name="actorId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              className="filter-select"
              placeholder={t('audit.allActors')}
              options={[...userNames].map(([id, name]) => ({ value: id, label: name }))}
            />
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter({ ...FIRST_PAGE, pageSize: filter.pageSize });
              }}
            >
              {t('audit.reset')}
            </Button>
          </Form.Item>
        </Form>
      </div>

      <div className="panel panel-flush">
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.isFetching}
          locale={{ emptyText: t('audit.empty') }}
          pagination={{
            ...pageNames,
            current: filter.page,
            pageSize: filter.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('audit.total', { total }),
            onChange: (page, pageSize) =>
              setFilter((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
          }}
        />
      </div>
    </Page>
  );
}
