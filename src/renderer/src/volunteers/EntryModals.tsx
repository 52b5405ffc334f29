import type { ReactNode } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { VolunteerDetail } from '@shared/volunteers';
import { useAnsweredMutation } from '../api';
import {
  BusyButton,
  ErrorAlert,
  numberField,
  textField,
  todayPicker,
  toLocalDate,
  useFormError,
  useGuardedClose,
} from '../components';

/* The entries of a volunteer's file: a certificate, a training session, an evaluation. */

export type EntryKind = 'certificate' | 'training' | 'evaluation';

interface ShellProps<V> {
  form: FormInstance<V>;
  title: string;
  okText: string;
  busy: boolean;
  error: unknown;
  onFinish: (values: V) => void;
  onClose: () => void;
  children: ReactNode;
}

/** The modal every entry form shares: Enter saves, Esc closes (asking first once something was typed). */
function EntryShell<V>({ form, title, okText, busy, error, onFinish, onClose, children }: ShellProps<V>) {
  const { t } = useTranslation();
  const guardedClose = useGuardedClose(form, onClose);
  return (
    <Modal open title={title} onCancel={guardedClose} footer={null} destroyOnHidden maskClosable={false}>
      <Form<V>
        form={form}
        name="volunteerEntry"
        layout="vertical"
        requiredMark="optional"
        onFinish={onFinish}
      >
        <ErrorAlert error={error} />
        {children}
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={busy}>
            {okText}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}

const notAfterToday = (d: Dayjs) => d.isAfter(todayPicker(), 'day');

interface Props {
  volunteer: VolunteerDetail;
  onClose: () => void;
}

function useEntryWrite<
  K extends 'volunteers.addCertificate' | 'volunteers.addTraining' | 'volunteers.addEvaluation',
>(channel: K) {
  return useAnsweredMutation(channel, 'volunteers.get', (v: VolunteerDetail) => ({ volunteerId: v.id }));
}

function CertificateModal({ volunteer, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name?: string; number?: string; expiresOn: Dayjs | null }>();
  const formError = useFormError(form);
  const add = useEntryWrite('volunteers.addCertificate');
  const name = textField(t, 'volunteers.addCertificate', 'name');
  const number = textField(t, 'volunteers.addCertificate', 'number');
  return (
    <EntryShell
      form={form}
      title={t('volunteers.addCertificate')}
      okText={t('volunteers.addCertificate')}
      busy={add.isPending}
      error={formError.error}
      onClose={onClose}
      onFinish={(v) => {
        formError.clear();
        add.mutate(
          {
            volunteerId: volunteer.id,
            name: v.name?.trim() ?? '',
            number: v.number?.trim() ?? '',
            expiresOn: toLocalDate(v.expiresOn),
          },
          {
            onSuccess: () => {
              void message.success(t('volunteers.certificateAdded'));
              onClose();
            },
            onError: (e) => formError.report(e),
          },
        );
      }}
    >
      <Form.Item label={t('volunteers.certificateName')} name="name" rules={name.rules}>
        <Input autoFocus autoComplete="off" maxLength={name.maxLength} />
      </Form.Item>
      <Form.Item label={t('volunteers.certificateNumber')} name="number" rules={number.rules}>
        <Input autoComplete="off" maxLength={number.maxLength} />
      </Form.Item>
      <Form.Item label={t('volunteers.expiresOn')} name="expiresOn" extra={t('volunteers.expiresOnHelp')}>
        <DatePicker aria-label={t('volunteers.expiresOn')} />
      </Form.Item>
    </EntryShell>
  );
}

function TrainingModal({ volunteer, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs | null; topic?: string; hours: number | null }>();
  const formError = useFormError(form);
  const add = useEntryWrite('volunteers.addTraining');
  const topic = textField(t, 'volunteers.addTraining', 'topic');
  const hours = numberField('volunteers.addTraining', 'hours');
  return (
    <EntryShell
      form={form}
      title={t('volunteers.addTraining')}
      okText={t('volunteers.addTraining')}
      busy={add.isPending}
      error={formError.error}
      onClose={onClose}
      onFinish={(v) => {
        formError.clear();
        add.mutate(
          {
            volunteerId: volunteer.id,
            date: toLocalDate(v.date) ?? '',
            topic: v.topic?.trim() ?? '',
            hours: v.hours ?? 0,
          },
          {
            onSuccess: () => {
              void message.success(t('volunteers.trainingAdded'));
              onClose();
            },
            onError: (e) => formError.report(e),
          },
        );
      }}
    >
      <Form.Item
        label={t('volunteers.trainingDate')}
        name="date"
        initialValue={todayPicker()}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <DatePicker
          autoFocus
          allowClear={false}
          aria-label={t('volunteers.trainingDate')}
          disabledDate={notAfterToday}
        />
      </Form.Item>
      <Form.Item label={t('volunteers.trainingTopic')} name="topic" rules={topic.rules}>
        <Input autoComplete="off" maxLength={topic.maxLength} />
      </Form.Item>
      <Form.Item
        label={t('volunteers.trainingHours')}
        name="hours"
        rules={[{ required: true, message: t('common.required') }]}
      >
        <InputNumber className="number-input" min={hours.min} max={hours.max} step={0.5} />
      </Form.Item>
    </EntryShell>
  );
}

function EvaluationModal({ volunteer, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    date: Dayjs | null;
    score: number | null;
    evaluator?: string;
    notes?: string;
  }>();
  const formError = useFormError(form);
  const add = useEntryWrite('volunteers.addEvaluation');
  const score = numberField('volunteers.addEvaluation', 'score');
  const evaluator = textField(t, 'volunteers.addEvaluation', 'evaluator');
  const notes = textField(t, 'volunteers.addEvaluation', 'notes');
  return (
    <EntryShell
      form={form}
      title={t('volunteers.addEvaluation')}
      okText={t('volunteers.addEvaluation')}
      busy={add.isPending}
      error={formError.error}
      onClose={onClose}
      onFinish={(v) => {
        formError.clear();
        add.mutate(
          {
            volunteerId: volunteer.id,
            date: toLocalDate(v.date) ?? '',
            score: v.score ?? 0,
            evaluator: v.evaluator?.trim() ?? '',
            notes: v.notes?.trim() ?? '',
          },
          {
            onSuccess: () => {
              void message.success(t('volunteers.evaluationAdded'));
              onClose();
            },
            onError: (e) => formError.report(e),
          },
        );
      }}
    >
      <div className="field-row">
        <Form.Item
          label={t('volunteers.evaluationDate')}
          name="date"
          initialValue={todayPicker()}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker
            autoFocus
            allowClear={false}
            aria-label={t('volunteers.evaluationDate')}
            disabledDate={notAfterToday}
          />
        </Form.Item>
        <Form.Item
          label={t('volunteers.score')}
          name="score"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber className="number-input" min={score.min} max={score.max} precision={0} />
        </Form.Item>
      </div>
      <Form.Item label={t('volunteers.evaluator')} name="evaluator" rules={evaluator.rules}>
        <Input autoComplete="off" maxLength={evaluator.maxLength} />
      </Form.Item>
      <Form.Item label={t('volunteers.evaluationNotes')} name="notes" rules={notes.rules}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={notes.maxLength} />
      </Form.Item>
    </EntryShell>
  );
}

/** The form for adding one entry of the given kind (mounted only while open). */
export function EntryModal({ kind, volunteer, onClose }: Props & { kind: EntryKind | null }) {
  switch (kind) {
    case 'certificate':
      return <CertificateModal volunteer={volunteer} onClose={onClose} />;
    case 'training':
      return <TrainingModal volunteer={volunteer} onClose={onClose} />;
    case 'evaluation':
      return <EvaluationModal volunteer={volunteer} onClose={onClose} />;
    case null:
      return null;
  }
}
