import { useEffect, useState } from 'react';
import { Button, Form, Input, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api';
import {
  AuthLayout,
  BusyButton,
  LoginErrorAlert,
  useFormError,
  PasswordFields,
  RecoveryFlow,
  type RecoveryIssue,
  type RecoveryPhase,
  usernameRules,
  retryAfterSeconds,
  textField,
  useCountdown,
  USERNAME_MAX_LENGTH,
} from '../components';
import { ensureSignedIn } from './ensureSignedIn';
import { UpgradeProgress } from './UpgradeProgress';

interface Values {
  recoveryCode: string;
  username: string;
  newPassword: string;
  newPasswordConfirm: string;
}

interface Props {
  office: string | null;
  /** A new code exists; the parent must keep this screen until it is confirmed. */
  onIssued: () => void;
  onFinished: () => void;
  onBack: () => void;
}

/** Forgotten admin password: recovery code → new password → the NEW code, written down and confirmed. */
export function RecoverScreen({ office, onIssued, onFinished, onBack }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const recover = useApiMutation('auth.recover');
  const code = textField(t, 'auth.recover', 'recoveryCode');
  const [issue, setIssue] = useState<RecoveryIssue | null>(null);
  const [phase, setPhase] = useState<RecoveryPhase>('show');
  const [wait, startWait] = useCountdown();
  useEffect(() => startWait(retryAfterSeconds(recover.error)), [recover.error, startWait]);

  const submit = (values: Values) => {
    formError.clear();
    const username = values.username.trim().toLowerCase();
    recover.mutate(
      { recoveryCode: values.recoveryCode.trim(), username, newPassword: values.newPassword },
      {
        onSuccess: (value) => {
          onIssued();
          void ensureSignedIn(username, values.newPassword).then(() => setIssue(value));
        },
        onError: (error) => formError.report(error),
      },
    );
  };

  const step = issue === null ? 0 : phase === 'show' ? 1 : 2;
  return (
    <AuthLayout title={t('recover.title')} office={office} wide>
      <Steps
        className="setup-steps"
        current={step}
        items={[
          { title: t('recover.submit') },
          { title: t('setup.stepRecovery') },
          { title: t('setup.stepConfirm') },
        ]}
      />
      {issue ? (
        <RecoveryFlow issue={issue} phase={phase} onPhaseChange={setPhase} onDone={onFinished} />
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          <Typography.Paragraph type="secondary">{t('recover.intro')}</Typography.Paragraph>
          <LoginErrorAlert error={formError.error} wait={wait} />
          <Form.Item label={t('recover.code')} name="recoveryCode" rules={code.rules}>
            <Input
              className="mono-input"
              size="large"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder={t('recover.codePlaceholder')}
              maxLength={code.maxLength}
            />
          </Form.Item>
          <Form.Item label={t('recover.adminUsername')} name="username" rules={usernameRules(t)}>
            <Input autoComplete="username" spellCheck={false} maxLength={USERNAME_MAX_LENGTH} />
          </Form.Item>
          <PasswordFields
            name="newPassword"
            confirmName="newPasswordConfirm"
            label={t('fields.newPassword')}
            confirmLabel={t('fields.newPasswordConfirm')}
          />
          <div className="form-actions">
            <BusyButton
              type="primary"
              htmlType="submit"
              size="large"
              busy={recover.isPending}
              disabled={wait > 0}
            >
              {t('recover.submit')}
            </BusyButton>
            <Button type="link" onClick={onBack}>
              {t('recover.backToLogin')}
            </Button>
          </div>
          {recover.isPending ? <UpgradeProgress /> : null}
        </Form>
      )}
    </AuthLayout>
  );
}
