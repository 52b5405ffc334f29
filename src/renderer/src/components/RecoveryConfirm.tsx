import { Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';
import { textField } from './inputFields';

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
  const answerField = textField(t, 'auth.confirmRecovery', 'answer');

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
        rules={answerField.rules}
      >
        <Input
          className="mono-input"
          size="large"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={answerField.maxLength}
        />
      </Form.Item>
      <Space size="middle" wrap className="form-actions">
        <BusyButton type="primary" htmlType="submit" size="large" busy={confirm.isPending}>
          {t('recovery.confirmSubmit')}
        </BusyButton>
        <Button size="large" onClick={onBack}>
          {t('recovery.showAgain')}
        </Button>
      </Space>
    </Form>
  );
}
