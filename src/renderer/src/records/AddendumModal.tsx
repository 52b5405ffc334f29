import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CounsellingRecord } from '@shared/records';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, textField, useFormError } from '../components';

interface Props {
  record: CounsellingRecord | null;
  onClose: () => void;
  onAdded: (record: CounsellingRecord) => void;
}

/** 添加补充说明: a signed record stays as signed; the addendum is dated and signed by its author. */
export function AddendumModal({ record, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const formError = useFormError(form);
  const add = useApiMutation('records.addAddendum');
  const text = textField(t, 'records.addAddendum', 'text');
  const submit = ({ text }: { text: string }) => {
    if (!record) return;
    formError.clear();
    add.mutate(
      { recordId: record.id, text: text.trim() },
      {
        onSuccess: (updated) => {
          void message.success(t('records.addendumAdded'));
          form.resetFields();
          onAdded(updated);
        },
        onError: (e) => formError.report(e),
      },
    );
  };
  return (
    <Modal
      open={record !== null}
      title={t('records.addAddendum')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Typography.Paragraph type="secondary">{t('records.addendumIntro')}</Typography.Paragraph>
        <ErrorAlert error={formError.error} />
        <Form.Item label={t('records.addendumText')} name="text" rules={text.rules}>
          <Input.TextArea autoFocus autoSize={{ minRows: 4, maxRows: 12 }} maxLength={text.maxLength} />
        </Form.Item>
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={add.isPending}>
            {t('records.addAddendum')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
