import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CounsellingRecord } from '@shared/records';
import { useApiMutation } from '../api';
import { ErrorAlert, useFormError, requiredRule } from '../components';

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
  const add = useApiMutation('records.addAddendum', ['audit.list']);
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
        <Form.Item label={t('records.addendumText')} name="text" rules={[requiredRule(t), { max: 20000 }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
        </Form.Item>
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('records.addAddendum')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
