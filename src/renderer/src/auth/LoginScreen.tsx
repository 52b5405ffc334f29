import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthLayout, BusyButton, LoginErrorAlert, textField, USERNAME_MAX_LENGTH } from '../components';
import { useLogin } from './useLogin';

interface Props {
  office: string | null;
  onSignedIn: () => void;
  onForgot: () => void;
}

interface Values {
  username: string;
  password: string;
}

export function LoginScreen({ office, onSignedIn, onForgot }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { login, wait } = useLogin();
  const username = textField(t, 'auth.login', 'username');
  const password = textField(t, 'auth.login', 'password');

  const submit = ({ username, password }: Values) => {
    login.mutate(
      { username: username.trim().toLowerCase(), password },
      {
        onSuccess: onSignedIn,
        // A wrong password is typed again from scratch; the user name stays.
        onError: () => form.setFieldValue('password', ''),
      },
    );
  };

  return (
    <AuthLayout title={t('login.title')} office={office}>
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <LoginErrorAlert error={login.error} wait={wait} />
        <Form.Item label={t('fields.username')} name="username" rules={username.rules}>
          <Input
            size="large"
            autoFocus
            autoComplete="username"
            spellCheck={false}
            maxLength={USERNAME_MAX_LENGTH}
          />
        </Form.Item>
        <Form.Item label={t('fields.password')} name="password" rules={password.rules}>
          <Input.Password size="large" autoComplete="current-password" maxLength={password.maxLength} />
        </Form.Item>
        <BusyButton
          type="primary"
          htmlType="submit"
          size="large"
          block
          busy={login.isPending}
          disabled={wait > 0}
        >
          {t('login.submit')}
        </BusyButton>
        <div className="auth-links">
          <Button type="link" onClick={onForgot}>
            {t('login.forgot')}
          </Button>
        </div>
      </Form>
    </AuthLayout>
  );
}
