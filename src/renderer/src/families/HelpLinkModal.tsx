import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  HELP_LINK_KINDS,
  HELP_LINK_STATUSES,
  type HelpLink,
  type HelpLinkKind,
  type HelpLinkStatus,
} from '@shared/families';
import {
  BusyButton,
  ErrorAlert,
  fromLocalDate,
  textField,
  toLocalDate,
  todayPicker,
  useFormError,
  useGuardedClose,
} from '../components';
import { useFamilyWrite } from './hooks';

interface Values {
  kind?: HelpLinkKind;
  helperName?: string;
  contact?: string;
  status?: HelpLinkStatus;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  notes?: string;
}

interface Props {
  familyId: string;
  /** The link to edit, 'new' to add one, null when closed. */
  link: HelpLink | 'new' | null;
  onClose: () => void;
}

/** 一果一联: the family linked to a federation help contact or programme, with its status and dates. */
export function HelpLinkModal({ familyId, link, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const save = useFamilyWrite('families.saveHelpLink');
  const guardedClose = useGuardedClose(form, onClose);
  const editing = link !== null && link !== 'new' ? link : null;
  const limits = {
    helperName: textField(t, 'families.saveHelpLink', 'helperName'),
    contact: textField(t, 'families.saveHelpLink', 'contact'),
    notes: textField(t, 'families.saveHelpLink', 'notes'),
  };

  const submit = (v: Values) => {
    formError.clear();
    save.mutate(
      {
        familyId,
        ...(editing ? { linkId: editing.id } : {}),
        kind: v.kind ?? 'contact',
        helperName: v.helperName?.trim() ?? '',
        contact: v.contact?.trim() ?? '',
        status: v.status ?? 'linked',
        startDate: toLocalDate(v.startDate) ?? '',
        endDate: toLocalDate(v.endDate),
        notes: v.notes?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('families.helpLinkSaved'));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  return (
    <Modal
      open={link !== null}
      title={editing ? t('families.helpLinkTitle_edit') : t('families.helpLinkTitle_new')}
      onCancel={guardedClose}
      footer={null}
      width={680}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={
          editing
            ? {
                kind: editing.kind,
                helperName: editing.helperName,
                contact: editing.contact ?? '',
                status: editing.status,
                startDate: fromLocalDate(editing.startDate),
                endDate: fromLocalDate(editing.endDate),
                notes: editing.notes ?? '',
              }
            : { kind: 'contact', status: 'linked', startDate: todayPicker() }
        }
      >
        <ErrorAlert error={formError.error} />
        <Form.Item
          label={t('families.helpKind')}
          name="kind"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Radio.Group
            aria-label={t('families.helpKind')}
            optionType="button"
            options={HELP_LINK_KINDS.map((v) => ({ value: v, label: t(`helpLinkKinds.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('families.helperName')}
          name="helperName"
          rules={limits.helperName.rules}
          extra={t('families.helperNameHelp')}
        >
          <Input autoFocus maxLength={limits.helperName.maxLength} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('families.contact')} name="contact" rules={limits.contact.rules}>
          <Input maxLength={limits.contact.maxLength} autoComplete="off" />
        </Form.Item>
        <div className="field-row">
          <Form.Item
            label={t('families.helpStatus')}
            name="status"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              className="input-medium"
              options={HELP_LINK_STATUSES.map((v) => ({ value: v, label: t(`helpLinkStatuses.${v}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('families.startDate')}
            name="startDate"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker allowClear={false} aria-label={t('families.startDate')} />
          </Form.Item>
          <Form.Item
            label={t('families.endDate')}
            name="endDate"
            dependencies={['startDate']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('startDate') as Dayjs | null | undefined;
                  if (value && start && value.isBefore(start, 'day')) {
                    throw new Error(t('families.endDateBeforeStart'));
                  }
                },
              }),
            ]}
          >
            <DatePicker aria-label={t('families.endDate')} />
          </Form.Item>
        </div>
        <Form.Item label={t('families.notes')} name="notes" rules={limits.notes.rules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={limits.notes.maxLength} />
        </Form.Item>
        <Space className="modal-actions">
          <Button onClick={guardedClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={save.isPending}>
            {t('common.save')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
