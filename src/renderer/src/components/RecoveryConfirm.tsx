import { Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api';
import { ErrorAlert } from './ErrorAlert';
import { requiredRule } from './rules';

interface Props {
  confirmGroup: number;
  onConfirmed: () => void;
  onBack: () => void;
}

/** Step "确认": the admin types back one group, proving the code was written down. */
export function RecoveryConfirm({ confirmGroup, onConfirmed, onBack }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ answer: string }>();
  const confirm = useApiMutation('auth.confirmRecovery');

  const submit = ({ answer }: { answer: string }) => {
    confirm.mutate({ answer: answer.trim() }, { onSuccess: onConfirmed });
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Paragraph>{t('recovery.confirmIntro')}</Typography.Paragraph>
      <ErrorAlert error={confirm.error} />
      <Form.Item
        label={t('recovery.confirmLabel', { n: confirmGroup })}
        name="answer"
        rules={[requiredRule(t)]}
      >
        <Input
          className="mono-input"
          size="large"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
        />
      </Form.Item>
      <Space size="middle" wrap className="form-actions">
        <Button type="primary" htmlType="submit" size="large" loading={confirm.isPending}>
          {t('recovery.confirmSubmit')}
        </Button>
        <Button size="large" onClick={onBack}>
          {t('recovery.showAgain')}
        </Button>
      </Space>
    </Form>
  );
}
