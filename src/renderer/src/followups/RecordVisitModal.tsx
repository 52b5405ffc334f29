import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '@shared/contract';
import { MARRIAGE_STATUSES, type FollowUpFocus, type MarriageStatus } from '@shared/followups';
import { ChannelKindSchema, type ChannelKind } from '@shared/records';
import { useApiMutation } from '../api';
import {
  BusyButton,
  ErrorAlert,
  fromLocalDate,
  numberField,
  textField,
  toLocalDate,
  todayPicker,
  useFormError,
  useGuardedClose,
} from '../components';

/** The open visit to record, as the queue, the packet and the family page know it. */
export interface VisitToRecord {
  visitId: string;
  archiveNumber: string;
  seq: number;
  focus: FollowUpFocus;
  /** The earliest date the visit may carry (the plan's start), if known. */
  notBefore?: string | null;
}

interface Values {
  visitDate?: Dayjs | null;
  channel?: ChannelKind;
  durationMinutes?: number | null;
  metWhom?: string;
  marriageStatus?: MarriageStatus | null;
  childrenWellbeing?: string;
  elderly?: string;
  problems?: string;
  helpGiven?: string;
  nextStep?: string;
  safetyConcern?: boolean;
  safetyNote?: string;
}

type Recorded = ChannelOutput<'followups.recordVisit'>;

/** What happened after a visit was recorded: the next visit's due date, or the plan is complete. */
export function useRecordedText() {
  const { t } = useTranslation();
  return (r: Recorded) =>
    r.next
      ? t('followups.recordedNext', { seq: r.visit.seq, next: r.next.seq, date: r.next.dueDate })
      : r.planClosed
        ? t('followups.recordedDone', { seq: r.visit.seq })
        : t('followups.recorded', { seq: r.visit.seq });
}

interface Props {
  visit: VisitToRecord | null;
  onClose: () => void;
  /** After a success, with the words that say what comes next (also shown as a message). */
  onRecorded?: (text: string, answer: Recorded) => void;
}

/**
 * 记录回访: what the visitor writes down. The same form for the volunteer (from the queue or the packet)
 * and the counsellor (from the family archive). A safety concern needs a note and alerts the counsellor.
 */
export function RecordVisitModal({ visit, onClose, onRecorded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const record = useApiMutation('followups.recordVisit');
  const guardedClose = useGuardedClose(form, onClose);
  const recordedText = useRecordedText();
  const concern = Form.useWatch('safetyConcern', form) === true;

  const text = (path: 'metWhom' | 'childrenWellbeing' | 'elderly' | 'problems' | 'helpGiven' | 'nextStep') =>
    textField(t, 'followups.recordVisit', path);
  const safetyNote = textField(t, 'followups.recordVisit', 'safetyNote', { required: true });
  const duration = numberField('followups.recordVisit', 'durationMinutes');
  const notBefore = fromLocalDate(visit?.notBefore);

  const submit = (v: Values) => {
    if (!visit) return;
    formError.clear();
    record.mutate(
      {
        visitId: visit.visitId,
        visitDate: toLocalDate(v.visitDate) ?? '',
        channel: v.channel ?? 'face_to_face',
        durationMinutes: v.durationMinutes ?? 0,
        metWhom: v.metWhom?.trim() ?? '',
        marriageStatus: v.marriageStatus ?? null,
        childrenWellbeing: v.childrenWellbeing?.trim() ?? '',
        elderly: v.elderly?.trim() ?? '',
        problems: v.problems?.trim() ?? '',
        helpGiven: v.helpGiven?.trim() ?? '',
        nextStep: v.nextStep?.trim() ?? '',
        safetyConcern: v.safetyConcern ?? false,
        safetyNote: v.safetyConcern ? (v.safetyNote?.trim() ?? '') : '',
      },
      {
        onSuccess: (answer) => {
          const words = recordedText(answer);
          form.resetFields();
          onClose();
          // A screen that shows the outcome itself (the queue's notice) needs no second message.
          if (onRecorded) onRecorded(words, answer);
          else void message.success(words, 8);
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  const area = (
    name: 'childrenWellbeing' | 'elderly' | 'problems' | 'helpGiven' | 'nextStep',
    extra?: string,
  ) => {
    const limits = text(name);
    return (
      <Form.Item key={name} label={t(`followups.${name}`)} name={name} rules={limits.rules} extra={extra}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={limits.maxLength} />
      </Form.Item>
    );
  };
  const marriage = (
    <Form.Item key="marriageStatus" label={t('followups.marriageStatus')} name="marriageStatus">
      <Select
        allowClear
        className="input-medium"
        placeholder={t('followups.marriageStatusPlaceholder')}
        options={MARRIAGE_STATUSES.map((v) => ({ value: v, label: t(`marriageStatuses.${v}`) }))}
      />
    </Form.Item>
  );
  // After a divorce the children and the elderly come first; otherwise the marriage does.
  const situation =
    visit?.focus === 'children_elderly'
      ? [area('childrenWellbeing'), area('elderly'), marriage]
      : [marriage, area('childrenWellbeing'), area('elderly')];
  const metWhom = text('metWhom');

  return (
    <Modal
      open={visit !== null}
      title={visit ? t('followups.recordTitle', { number: visit.archiveNumber, seq: visit.seq }) : ''}
      onCancel={guardedClose}
      footer={null}
      width={760}
      destroyOnHidden
      maskClosable={false}
    >
      {visit ? (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={submit}
          initialValues={{ visitDate: todayPicker(), channel: 'face_to_face', safetyConcern: false }}
          scrollToFirstError={{ focus: true }}
          aria-label={t('followups.recordFormLabel')}
        >
          <ErrorAlert error={formError.error} />
          <div className="field-row">
            <Form.Item
              label={t('followups.visitDate')}
              name="visitDate"
              rules={[{ required: true, message: t('common.required') }]}
            >
              <DatePicker
                autoFocus
                allowClear={false}
                aria-label={t('followups.visitDate')}
                disabledDate={(d: Dayjs) =>
                  d.isAfter(todayPicker(), 'day') || (notBefore !== null && d.isBefore(notBefore, 'day'))
                }
              />
            </Form.Item>
            <Form.Item
              label={t('followups.channel')}
              name="channel"
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Radio.Group
                aria-label={t('followups.channel')}
                optionType="button"
                options={ChannelKindSchema.options.map((v) => ({ value: v, label: t(`channels.${v}`) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('followups.duration')}
              name="durationMinutes"
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: duration.min,
                  max: duration.max,
                  message: t('followups.durationRange', { min: duration.min, max: duration.max }),
                },
              ]}
            >
              <InputNumber
                min={duration.min}
                max={duration.max}
                precision={0}
                suffix={t('followups.minutes')}
                className="number-input"
              />
            </Form.Item>
          </div>
          <Form.Item
            label={t('followups.metWhom')}
            name="metWhom"
            rules={metWhom.rules}
            extra={t('followups.metWhomHelp')}
          >
            <Input maxLength={metWhom.maxLength} autoComplete="off" />
          </Form.Item>
          {situation}
          {area('problems')}
          {area('helpGiven')}
          {area('nextStep', t('followups.nextStepHelp'))}
          <Form.Item
            label={t('followups.safetyConcern')}
            name="safetyConcern"
            // A switch always has a value: no "(可选)" beside it.
            required
            valuePropName="checked"
            extra={t('followups.safetyConcernHelp')}
          >
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
          {concern ? (
            <>
              <Alert
                className="form-alert"
                type="warning"
                showIcon
                role="note"
                title={t('followups.safetyNoteAlert')}
              />
              <Form.Item label={t('followups.safetyNote')} name="safetyNote" rules={safetyNote.rules}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={safetyNote.maxLength} />
              </Form.Item>
            </>
          ) : null}
          <Space className="modal-actions">
            <Button onClick={guardedClose}>{t('common.cancel')}</Button>
            <BusyButton type="primary" htmlType="submit" busy={record.isPending}>
              {t('followups.save')}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
