import { useState } from 'react';
import { App, Button, Empty, Form, Select, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '@shared/contract';
import { EVENT_TYPES, type EventType, type OutreachEvent } from '@shared/events';
import { useApiMutation, useApiQuery } from '../api';
import {
  DateRangeItem,
  ErrorAlert,
  fromLocalDate,
  Page,
  toLocalDate,
  useServerPagination,
} from '../components';
import { PrintButton } from '../print';
import { ReasonModal, type ReasonRequest } from '../components';
import { EventFormModal } from './EventFormModal';

export type EventFilter = ChannelInput<'events.list'> & { page: number; pageSize: number };

export const FIRST_EVENT_PAGE: EventFilter = { page: 1, pageSize: 50 };

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  type?: EventType;
}

const valuesOf = (f: EventFilter): FilterValues => ({
  range: f.from || f.to ? [fromLocalDate(f.from), fromLocalDate(f.to)] : null,
  type: f.type,
});

interface Props {
  filter: EventFilter;
  setFilter: (change: (f: EventFilter) => EventFilter) => void;
}

/** 活动: the events newest first, the 场次 / 人次 of the filter, recording, editing, the sign-in sheet. */
export function EventsPage({ filter, setFilter }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [editing, setEditing] = useState<OutreachEvent | 'new' | null>(null);
  const [asking, setAsking] = useState<ReasonRequest | null>(null);
  const list = useApiQuery('events.list', filter, { placeholderData: (previous) => previous });
  const pagination = useServerPagination(
    filter,
    list.data?.total ?? 0,
    (n) => t('events.total', { total: n }),
    (next) => setFilter((f) => ({ ...f, ...next })),
  );
  const remove = useApiMutation('events.remove');

  const typeText = (e: Pick<OutreachEvent, 'type' | 'typeOther'>) =>
    e.type === 'other' && e.typeOther ? e.typeOther : t(`eventTypes.${e.type}`);

  const askRemove = (e: OutreachEvent) =>
    setAsking({
      title: t('events.removeTitle'),
      intro: t('events.removeIntro', { date: e.date, topic: e.topic }),
      label: t('events.reason'),
      okText: t('events.remove'),
      danger: true,
      done: t('events.removed'),
      run: (reason) => remove.mutateAsync({ id: e.id, reason }),
    });

  const columns: ColumnsType<OutreachEvent> = [
    {
      title: t('events.colDate'),
      key: 'date',
      width: 110,
      render: (_, e) => (
        <div className="cell-stack">
          <span>{e.date}</span>
          {e.held ? null : (
            <Tag color="blue" variant="filled" className="event-upcoming">
              {t('events.upcoming')}
            </Tag>
          )}
        </div>
      ),
    },
    { title: t('events.colType'), key: 'type', width: 120, render: (_, e) => typeText(e) },
    {
      title: t('events.colTopicPlace'),
      key: 'topic',
      render: (_, e) => (
        <div className="cell-stack">
          <span>{e.topic}</span>
          <span className="muted small">{e.place}</span>
        </div>
      ),
    },
    {
      title: t('events.colSpeakers'),
      key: 'speakers',
      width: 140,
      render: (_, e) =>
        e.speakers.length > 0 ? (
          e.speakers.map((s) => s.name).join(t('common.enumSep'))
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('events.colHours'),
      key: 'hours',
      width: 80,
      align: 'right',
      render: (_, e) => t('events.hoursValue', { hours: e.durationHours }),
    },
    {
      title: t('events.colAttendees'),
      key: 'attendees',
      width: 70,
      align: 'right',
      render: (_, e) => t('events.attendeesValue', { count: e.attendeeCount }),
    },
    {
      title: t('events.colActions'),
      key: 'actions',
      width: 290,
      render: (_, e) => (
        <Space size={4} className="event-actions">
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('events.editAria', { date: e.date, topic: e.topic })}
            onClick={() => setEditing(e)}
          >
            {t('events.edit')}
          </Button>
          <PrintButton
            channel="print.eventSignInSheetPdf"
            input={{ eventId: e.id }}
            label={t('events.printSignIn')}
            size="small"
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('events.removeAria', { date: e.date, topic: e.topic })}
            onClick={() => askRemove(e)}
          >
            {t('events.remove')}
          </Button>
        </Space>
      ),
    },
  ];

  const applyFilter = (_: unknown, v: FilterValues) => {
    const [from, to] = v.range ?? [];
    setFilter((f) => ({
      page: 1,
      pageSize: f.pageSize,
      from: toLocalDate(from) ?? undefined,
      to: toLocalDate(to) ?? undefined,
      type: v.type,
    }));
  };
  const totals = list.data?.totals;

  return (
    <Page
      title={t('events.title')}
      intro={t('events.intro')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('events.add')}
        </Button>
      }
    >
      <div className="panel">
        <Form<FilterValues>
          form={form}
          name="eventFilter"
          layout="inline"
          className="filters"
          initialValues={valuesOf(filter)}
          onValuesChange={applyFilter}
          aria-label={t('events.filtersLabel')}
        >
          <DateRangeItem
            name="range"
            label={t('events.dateRange')}
            startLabel={t('events.dateFrom')}
            endLabel={t('events.dateTo')}
          />
          <Form.Item label={t('events.type')} name="type">
            <Select
              allowClear
              className="filter-select"
              placeholder={t('events.allTypes')}
              options={EVENT_TYPES.map((v) => ({ value: v, label: t(`eventTypes.${v}`) }))}
            />
          </Form.Item>
          {filter.from || filter.to || filter.type ? (
            <Form.Item>
              <Button
                onClick={() => {
                  form.setFieldsValue({ range: null, type: undefined });
                  setFilter((f) => ({ ...FIRST_EVENT_PAGE, pageSize: f.pageSize }));
                }}
              >
                {t('events.resetFilters')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
      </div>

      <section className="panel event-totals" aria-labelledby="event-totals-title">
        <h2 id="event-totals-title" className="sr-only">
          {t('events.totalsLabel')}
        </h2>
        <Statistic
          title={t('events.sessions')}
          value={totals?.sessions ?? '—'}
          suffix={totals ? t('events.sessionsUnit') : undefined}
        />
        <Statistic
          title={t('events.attendees')}
          value={totals?.attendees ?? '—'}
          suffix={totals ? t('events.attendeesUnit') : undefined}
        />
        <p className="muted small event-totals-note">{t('events.totalsNote')}</p>
      </section>

      <ErrorAlert error={list.error} />
      <div className="panel panel-flush">
        <Table<OutreachEvent>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.isFetching}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.empty')} />,
          }}
          pagination={pagination}
        />
      </div>
      <EventFormModal
        event={editing}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          setEditing(null);
          void message.success(created ? t('events.created') : t('events.updated'));
        }}
      />
      <ReasonModal request={asking} onClose={() => setAsking(null)} />
    </Page>
  );
}
