import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SupervisionItem } from '@shared/supervision';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, textField, useFormError } from '../components';

export type CloseAction = 'complete' | 'cancel';

/** 办结 or 撤销 an item, with an optional note; this modal is the confirmation. */
export function SupervisionCloseModal({
  closing,
  onClose,
}: {
  closing: { item: SupervisionItem; action: CloseAction } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const formError = useFormError(form);
  const complete = useApiMutation('supervision.complete');
  const cancel = useApiMutation('supervision.cancel');
  const note = textField(t, 'supervision.complete', 'note');
  const submit = ({ note }: { note?: string }) => {
    if (!closing) return;
    formError.clear();
    const mutation = closing.action === 'complete' ? complete : cancel;
    mutation.mutate(
      { itemId: closing.item.id, note: note?.trim() ?? '' },
      {
        onSuccess: () => {
          void message.success(t(`supervision.closed_${closing.action}`));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };
  return (
    <Modal
      open={closing !== null}
      title={closing ? t(`supervision.${closing.action}`) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      {closing ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Typography.Paragraph type="secondary">
            {t(`supervision.closeIntro_${closing.action}`)}
          </Typography.Paragraph>
          <ErrorAlert error={formError.error} />
          <Form.Item label={t('supervision.note')} name="note" rules={note.rules}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={note.maxLength} />
          </Form.Item>
          <Space className="modal-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <BusyButton
              type="primary"
              danger={closing.action === 'cancel'}
              htmlType="submit"
              busy={complete.isPending || cancel.isPending}
            >
              {t(`supervision.${closing.action}`)}
            </BusyButton>
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
