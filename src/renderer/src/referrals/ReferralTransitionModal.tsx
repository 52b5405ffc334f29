import { App, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Referral, ReferralStatus } from '@shared/referrals';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, textField, toLocalDate, todayPicker, useFormError } from '../components';

type Move = Exclude<ReferralStatus, 'created'>;

interface Values {
  date: Dayjs | null;
  note?: string;
}

/** 已发送 / 已接收 / 被拒绝 / 已办结, with the date it happened and an optional note. */
export function ReferralTransitionModal({
  move,
  onClose,
}: {
  move: { referral: Referral; to: Move } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const transition = useApiMutation('referrals.transition');
  const note = textField(t, 'referrals.transition', 'note');
  const submit = (v: Values) => {
    if (!move) return;
    formError.clear();
    transition.mutate(
      {
        referralId: move.referral.id,
        to: move.to,
        date: toLocalDate(v.date) ?? '',
        note: v.note?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('referrals.moved', { status: t(`referralStatuses.${move.to}`) }));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };
  return (
    <Modal
      open={move !== null}
      title={
        move
          ? t('referrals.moveTitle', {
              action: t(`referrals.action_${move.to}`),
              reference: move.referral.referenceNumber,
            })
          : ''
      }
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      {move ? (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          initialValues={{ date: todayPicker() }}
        >
          <Typography.Paragraph type="secondary">{t(`referrals.moveIntro_${move.to}`)}</Typography.Paragraph>
          <ErrorAlert error={formError.error} />
          <Form.Item
            label={t('referrals.moveDate')}
            name="date"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              autoFocus
              allowClear={false}
              aria-label={t('referrals.moveDate')}
              disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
            />
          </Form.Item>
          <Form.Item label={t('referrals.note')} name="note" rules={note.rules}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={note.maxLength} />
          </Form.Item>
          <Space className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <BusyButton
              type="primary"
              danger={move.to === 'rejected'}
              htmlType="submit"
              busy={transition.isPending}
            >
              {t(`referrals.action_${move.to}`)}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
