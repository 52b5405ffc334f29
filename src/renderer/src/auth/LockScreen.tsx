import { Button, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AuthLayout, BusyButton, LoginErrorAlert, textField } from '../components';
import { useLogin } from './useLogin';

interface Props {
  office: string | null;
  lockedUser: { username: string; displayName: string };
  onUnlocked: () => void;
  onSwitchUser: () => void;
}

/** Asks only for the password of whoever locked the desk; anyone else uses 切换用户. */
export function LockScreen({ office, lockedUser, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const { login, wait } = useLogin();
  const password = textField(t, 'auth.login', 'password');

  const submit = ({ password }: { password: string }) => {
    login.mutate(
      { username: lockedUser.username, password },
      { onSuccess: onUnlocked, onError: () => form.setFieldValue('password', '') },
    );
  };

  return (
    <AuthLayout title={t('lock.title')} office={office}>
      <div className="lock-badge" aria-hidden="true">
        <LockOutlined />
      </div>
      <Typography.Paragraph className="lock-who">
        {t('lock.lockedBy', { name: lockedUser.displayName })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <LoginErrorAlert error={login.error} wait={wait} />
        <Form.Item label={t('fields.password')} name="password" rules={password.rules}>
          <Input.Password
            size="large"
            autoFocus
            autoComplete="current-password"
            maxLength={password.maxLength}
          />
        </Form.Item>
        <BusyButton
          type="primary"
          htmlType="submit"
          size="large"
          block
          busy={login.isPending}
          disabled={wait > 0}
        >
          {t('lock.submit')}
        </BusyButton>
        <div className="auth-links">
          <Button type="link" onClick={onSwitchUser}>
            {t('lock.switchUser')}
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
