import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@shared/users';
import { BusyButton, LoginErrorAlert, textField, USERNAME_MAX_LENGTH } from '../components';
import { UpgradeProgress } from './UpgradeProgress';
import { useLogin } from './useLogin';

interface Props {
  /** The account whose password is asked for (the lock screen); without it the user name is typed too. */
  lockedUsername?: string;
  submitLabel: string;
  /** The way out below the button: 忘记密码 on the login screen, 切换用户 on the lock screen. */
  link: { label: string; onClick: () => void };
  onSignedIn: (user: SessionUser) => void;
}

interface Values {
  username?: string;
  password: string;
}

/** The user name (unless the desk knows it) and password, with the delay after failed attempts. */
export function SignInForm({ lockedUsername, submitLabel, link, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { login, wait } = useLogin();
  const username = textField(t, 'auth.login', 'username');
  const password = textField(t, 'auth.login', 'password');

  const submit = (values: Values) => {
    login.mutate(
      { username: lockedUsername ?? (values.username ?? '').trim().toLowerCase(), password: values.password },
      {
        onSuccess: onSignedIn,
        // A wrong password is typed again from scratch; the user name stays.
        onError: () => form.setFieldValue('password', ''),
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
      <LoginErrorAlert error={login.error} wait={wait} />
      {lockedUsername === undefined && (
        <Form.Item label={t('fields.username')} name="username" rules={username.rules}>
          <Input
            size="large"
            autoFocus
            autoComplete="username"
            spellCheck={false}
            maxLength={USERNAME_MAX_LENGTH}
          />
        </Form.Item>
      )}
      <Form.Item label={t('fields.password')} name="password" rules={password.rules}>
        <Input.Password
          size="large"
          autoFocus={lockedUsername !== undefined}
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
        {submitLabel}
      </BusyButton>
      {login.isPending ? <UpgradeProgress /> : null}
      <div className="auth-links">
        <Button type="link" onClick={link.onClick}>
          {link.label}
        </Button>
      </div>
    </Form>
  );
}
