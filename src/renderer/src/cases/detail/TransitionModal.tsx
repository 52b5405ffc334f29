import { App, Button, DatePicker, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WithdrawnBySchema, type CaseDetail } from '@shared/cases';
import { useCaseWrite } from '../hooks';
import { BusyButton, ErrorAlert, textField, toLocalDate, todayPicker, useFormError } from '../../components';

export type TransitionAction = 'withdraw' | 'register' | 'refuse';

interface Values {
  by?: 'party_a' | 'party_b' | 'both';
  date: Dayjs;
  confirmationNumber?: string;
  reason?: string;
}

interface Props {
  detail: CaseDetail;
  action: TransitionAction | null;
  onClose: () => void;
}

/**
 * 办理撤回 / 登记离婚 / 不予登记: each asks for what the registry's paper says (who withdrew, the date,
 * the confirmation number) and is itself the confirmation step; Escape or 取消 changes nothing.
 */
export function TransitionModal({ detail, action, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const transition = useCaseWrite('cases.transition');
  const confirmationNumber = textField(t, 'cases.transition', 'confirmationNumber');
  const reason = textField(t, 'cases.transition', 'reason');

  const submit = (v: Values) => {
    if (!action) return;
    formError.clear();
    const date = toLocalDate(v.date) ?? '';
    const base = { caseId: detail.id, date };
    const input =
      action === 'withdraw'
        ? { ...base, action, by: v.by ?? 'both', confirmationNumber: v.confirmationNumber?.trim() ?? '' }
        : action === 'refuse'
          ? { ...base, action, reason: v.reason?.trim() ?? '' }
          : { ...base, action };
    transition.mutate(input, {
      onSuccess: () => {
        void message.success(t(`registration.done_${action}`));
        form.resetFields();
        onClose();
      },
      onError: (error) => formError.report(error),
    });
  };

  const partyName = (key: 'party_a' | 'party_b') =>
    detail.parties.find((p) => p.key === key)?.name ?? t(`parties.${key}`);

  return (
    <Modal
      open={action !== null}
      title={action ? t(`registration.title_${action}`) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      {action ? (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          initialValues={{ date: todayPicker(), by: 'both' }}
        >
          <Typography.Paragraph type="secondary">{t(`registration.intro_${action}`)}</Typography.Paragraph>
          <ErrorAlert error={formError.error} />
          {action === 'withdraw' ? (
            <Form.Item label={t('registration.by')} name="by" rules={[{ required: true }]}>
              <Radio.Group
                aria-label={t('registration.by')}
                options={WithdrawnBySchema.options.map((v) => ({
                  value: v,
                  label:
                    v === 'both'
                      ? t('parties.both')
                      : t('common.withNote', { main: t(`parties.${v}`), note: partyName(v) }),
                }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            label={t(`registration.date_${action}`)}
            name="date"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              autoFocus={action !== 'withdraw'}
              allowClear={false}
              aria-label={t(`registration.date_${action}`)}
              disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
            />
          </Form.Item>
          {action === 'withdraw' ? (
            <Form.Item
              label={t('registration.confirmationNumber')}
              name="confirmationNumber"
              rules={confirmationNumber.rules}
            >
              <Input maxLength={confirmationNumber.maxLength} autoComplete="off" spellCheck={false} />
            </Form.Item>
          ) : null}
          {action === 'refuse' ? (
            <Form.Item label={t('registration.reason')} name="reason" rules={reason.rules}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={reason.maxLength} />
            </Form.Item>
          ) : null}
          <Space className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <BusyButton
              type="primary"
              danger={action === 'refuse'}
              htmlType="submit"
              busy={transition.isPending}
            >
              {t(`registration.submit_${action}`)}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
