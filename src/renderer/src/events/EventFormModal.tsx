import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EVENT_TYPES, type EventType, type OutreachEvent } from '@shared/events';
import { useApiMutation, useApiQuery } from '../api';
import {
  BusyButton,
  ErrorAlert,
  fromLocalDate,
  listMax,
  numberField,
  textField,
  todayPicker,
  toLocalDate,
  useFormError,
  useGuardedClose,
} from '../components';

interface SpeakerValues {
  volunteerId?: string | null;
  name?: string;
}

interface Values {
  type?: EventType;
  typeOther?: string;
  date: Dayjs | null;
  durationHours: number | null;
  place?: string;
  topic?: string;
  speakers: SpeakerValues[];
  attendeeCount: number | null;
  notes?: string;
}

const valuesOf = (e: OutreachEvent | null): Values => ({
  type: e?.type,
  typeOther: e?.typeOther ?? undefined,
  date: e ? fromLocalDate(e.date) : todayPicker(),
  durationHours: e?.durationHours ?? 2,
  place: e?.place,
  topic: e?.topic,
  speakers: (e?.speakers ?? []).map((s) => ({
    volunteerId: s.volunteerId,
    name: s.volunteerId ? '' : s.name,
  })),
  attendeeCount: e?.attendeeCount ?? 0,
  notes: e?.notes ?? undefined,
});

interface Props {
  /** The event being edited, 'new' for a new one, null when closed. */
  event: OutreachEvent | 'new' | null;
  onClose: () => void;
  onSaved: (created: boolean) => void;
}

/** 登记活动 / 编辑活动. Speakers come from the roster (their service hours count) or by name. */
export function EventFormModal({ event, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const guardedClose = useGuardedClose(form, onClose);
  const editing = event !== null && event !== 'new' ? event : null;
  return (
    <Modal
      open={event !== null}
      title={editing ? t('events.editTitle') : t('events.addTitle')}
      onCancel={guardedClose}
      footer={null}
      width={720}
      destroyOnHidden
      maskClosable={false}
    >
      {event !== null ? (
        <EventForm form={form} event={editing} onCancel={guardedClose} onSaved={onSaved} />
      ) : null}
    </Modal>
  );
}

function EventForm({
  form,
  event,
  onCancel,
  onSaved,
}: {
  form: FormInstance<Values>;
  event: OutreachEvent | null;
  onCancel: () => void;
  onSaved: (created: boolean) => void;
}) {
  const { t } = useTranslation();
  const formError = useFormError(form);
  const create = useApiMutation('events.create');
  const update = useApiMutation('events.update');
  const roster = useApiQuery('volunteers.list', { status: 'all', pageSize: 200 }, { staleTime: 60_000 });
  const type = Form.useWatch('type', form);
  const speakers = Form.useWatch('speakers', form);
  const limits = {
    typeOther: textField(t, 'events.create', 'typeOther', { required: true }),
    place: textField(t, 'events.create', 'place'),
    topic: textField(t, 'events.create', 'topic'),
    notes: textField(t, 'events.create', 'notes'),
    speakerName: textField(t, 'events.create', 'speakers.0.name', { required: true }),
    hours: numberField('events.create', 'durationHours'),
    attendees: numberField('events.create', 'attendeeCount'),
    speakers: listMax('events.create', 'speakers'),
  };

  // The roster, plus anyone already on the event who is no longer listed (their name as recorded).
  const rosterOptions = [
    ...(roster.data?.rows ?? []).map((v) => ({
      value: v.id,
      label: v.active
        ? v.name
        : t('common.withNote', { main: v.name, note: t('volunteers.status_inactive') }),
    })),
    ...(event?.speakers ?? [])
      .filter((s) => s.volunteerId && !(roster.data?.rows ?? []).some((v) => v.id === s.volunteerId))
      .map((s) => ({ value: s.volunteerId ?? '', label: s.name })),
  ];

  const submit = (v: Values) => {
    formError.clear();
    const fields = {
      type: v.type ?? 'other',
      typeOther: v.type === 'other' ? (v.typeOther?.trim() ?? '') : '',
      date: toLocalDate(v.date) ?? '',
      durationHours: v.durationHours ?? 0,
      place: v.place?.trim() ?? '',
      topic: v.topic?.trim() ?? '',
      speakers: v.speakers.map((s) =>
        s.volunteerId ? { volunteerId: s.volunteerId } : { volunteerId: null, name: s.name?.trim() ?? '' },
      ),
      attendeeCount: v.attendeeCount ?? 0,
      notes: v.notes?.trim() ?? '',
    };
    const done = {
      onSuccess: () => {
        form.resetFields();
        onSaved(event === null);
      },
      onError: (e: unknown) => formError.report(e),
    };
    if (event) update.mutate({ ...fields, eventId: event.id }, done);
    else create.mutate(fields, done);
  };

  return (
    <Form<Values>
      form={form}
      name="event"
      layout="vertical"
      requiredMark="optional"
      onFinish={submit}
      initialValues={valuesOf(event)}
      scrollToFirstError={{ focus: true }}
    >
      <ErrorAlert error={formError.error} />
      <div className="field-row">
        <Form.Item
          label={t('events.type')}
          name="type"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            autoFocus
            className="input-medium"
            options={EVENT_TYPES.map((v) => ({ value: v, label: t(`eventTypes.${v}`) }))}
          />
        </Form.Item>
        {type === 'other' ? (
          <Form.Item
            label={t('events.typeOther')}
            name="typeOther"
            rules={limits.typeOther.rules}
            className="field-grow"
          >
            <Input autoComplete="off" maxLength={limits.typeOther.maxLength} />
          </Form.Item>
        ) : null}
      </div>
      <div className="field-row">
        <Form.Item
          label={t('events.date')}
          name="date"
          extra={t('events.dateHelp')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker allowClear={false} aria-label={t('events.date')} />
        </Form.Item>
        <Form.Item
          label={t('events.durationHours')}
          name="durationHours"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber className="number-input" min={limits.hours.min} max={limits.hours.max} step={0.5} />
        </Form.Item>
      </div>
      <Form.Item label={t('events.topic')} name="topic" rules={limits.topic.rules}>
        <Input autoComplete="off" maxLength={limits.topic.maxLength} />
      </Form.Item>
      <Form.Item label={t('events.place')} name="place" rules={limits.place.rules}>
        <Input autoComplete="off" maxLength={limits.place.maxLength} />
      </Form.Item>
      <fieldset className="plain-fieldset event-speakers">
        <legend className="field-legend">{t('events.speakers')}</legend>
        <p className="muted small">{t('events.speakersHelp')}</p>
        <Form.List name="speakers">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => {
                const chosen = Boolean(speakers?.[i]?.volunteerId);
                return (
                  <div key={row.key} className="event-speaker-row">
                    <Form.Item name={[row.name, 'volunteerId']} className="event-speaker-field">
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        aria-label={t('events.speakerVolunteer', { n: i + 1 })}
                        placeholder={t('events.speakerVolunteerPlaceholder')}
                        loading={roster.isPending}
                        options={rosterOptions}
                        onChange={() => form.setFieldValue(['speakers', row.name, 'name'], '')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'name']}
                      className="event-speaker-field"
                      rules={chosen ? [] : limits.speakerName.rules}
                    >
                      <Input
                        aria-label={t('events.speakerName', { n: i + 1 })}
                        placeholder={t('events.speakerNamePlaceholder')}
                        autoComplete="off"
                        disabled={chosen}
                        maxLength={limits.speakerName.maxLength}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('events.speakerRemove', { n: i + 1 })}
                      onClick={() => remove(row.name)}
                    />
                  </div>
                );
              })}
              {rows.length < limits.speakers ? (
                <Button icon={<PlusOutlined />} onClick={() => add({ volunteerId: null, name: '' })}>
                  {t('events.speakerAdd')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item
        label={t('events.attendeeCount')}
        name="attendeeCount"
        extra={t('events.attendeeHelp')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <InputNumber
          className="number-input"
          min={limits.attendees.min}
          max={limits.attendees.max}
          precision={0}
        />
      </Form.Item>
      <Form.Item label={t('events.notes')} name="notes" rules={limits.notes.rules}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.notes.maxLength} />
      </Form.Item>
      <Space className="modal-actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <BusyButton type="primary" htmlType="submit" busy={create.isPending || update.isPending}>
          {event ? t('common.save') : t('events.register')}
        </BusyButton>
      </Space>
    </Form>
  );
}
