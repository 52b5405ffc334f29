import { useState } from 'react';
import { Button, Form, Input, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Office, Locale } from '@shared/settings';
import { call, useApiMutation } from '../api';
import {
  AuthLayout,
  BusyButton,
  ErrorAlert,
  useFormError,
  PasswordFields,
  RecoveryFlow,
  type RecoveryIssue,
  type RecoveryPhase,
  textField,
  USERNAME_MAX_LENGTH,
  usernameRules,
} from '../components';
import { applyLanguage } from '../i18n';
import { ensureSignedIn } from '../auth';
import { SetupRestore } from '../backup';
import { LanguagePicker } from './LanguagePicker';
import { OfficeFields } from './OfficeFields';

interface OfficeValues {
  office: Office;
  language: Locale;
}
interface AdminValues {
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
}

interface Props {
  initialLanguage: Locale;
  /** The desk now exists; the parent must keep showing this wizard until the code is confirmed. */
  onCreated: () => void;
  onFinished: () => void;
}

/** First run: office → administrator → recovery code → confirm. Finishing requires the confirmation. */
export function SetupWizard({ initialLanguage, onCreated, onFinished }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [officeForm] = Form.useForm<OfficeValues>();
  const [adminForm] = Form.useForm<AdminValues>();
  const [officeValues, setOfficeValues] = useState<OfficeValues | null>(null);
  const [issue, setIssue] = useState<RecoveryIssue | null>(null);
  const [restoring, setRestoring] = useState(false);
  const officeError = useFormError(officeForm);
  const adminError = useFormError(adminForm);
  const create = useApiMutation('setup.create');
  const displayName = textField(t, 'setup.create', 'admin.displayName');

  const changeLanguage = (language: Locale) => {
    applyLanguage(language);
    // Main localizes its messages in the desk's language; keep it in step (no harm if it fails).
    void call('app.setLanguage', { language }).catch(() => undefined);
  };

  const submitAdmin = (admin: AdminValues) => {
    if (!officeValues) return;
    adminError.clear();
    const account = { username: admin.username.trim().toLowerCase(), displayName: admin.displayName.trim() };
    create.mutate(
      {
        office: officeValues.office,
        language: officeValues.language,
        admin: { ...account, password: admin.password },
      },
      {
        onSuccess: (value) => {
          onCreated();
          void ensureSignedIn(account.username, admin.password).then(() => {
            setIssue(value);
            setStep(2);
          });
        },
        onError: (error) => {
          const officeFields = Object.keys(error.fields ?? {}).filter((p) => !p.startsWith('admin.'));
          if (officeFields.length > 0) {
            setStep(0);
            // The office form remounts on step 0; let it render before marking its fields.
            window.setTimeout(() => officeError.report(error, (p) => (p.startsWith('admin.') ? null : p)));
          } else {
            adminError.report(error, (p) => (p.startsWith('admin.') ? p.slice('admin.'.length) : null));
          }
        },
      },
    );
  };

  const phase: RecoveryPhase = step === 3 ? 'confirm' : 'show';
  const stepTitles = [
    t('setup.stepOffice'),
    t('setup.stepAdmin'),
    t('setup.stepRecovery'),
    t('setup.stepConfirm'),
  ];

  if (restoring) {
    return (
      <AuthLayout title={t('backup.setupEntry')} wide>
        <SetupRestore onBack={() => setRestoring(false)} onRestored={onFinished} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('setup.title')} wide>
      <Steps className="setup-steps" current={step} items={stepTitles.map((title) => ({ title }))} />

      {step === 0 && (
        <Form<OfficeValues>
          form={officeForm}
          layout="vertical"
          requiredMark={false}
          initialValues={officeValues ?? { office: { level: 'centre' }, language: initialLanguage }}
          onFinish={(values) => {
            setOfficeValues(values);
            setStep(1);
          }}
        >
          <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('setup.officeIntro')}</Typography.Paragraph>
          <ErrorAlert error={officeError.error} />
          <OfficeFields prefix="office" autoFocus />
          <Form.Item label={t('fields.language')} name="language">
            <LanguagePicker onChange={changeLanguage} />
          </Form.Item>
          <Space size="middle" wrap className="form-actions">
            <Button type="primary" htmlType="submit" size="large">
              {t('common.next')}
            </Button>
            <Button size="large" onClick={() => setRestoring(true)}>
              {t('backup.setupEntry')}
            </Button>
          </Space>
        </Form>
      )}

      {step === 1 && (
        <Form<AdminValues> form={adminForm} layout="vertical" requiredMark={false} onFinish={submitAdmin}>
          <Typography.Paragraph type="secondary">{t('setup.adminIntro')}</Typography.Paragraph>
          <ErrorAlert error={adminError.error} />
          <Form.Item
            label={t('fields.username')}
            name="username"
            rules={usernameRules(t)}
            extra={t('fields.usernameHelp')}
          >
            <Input autoFocus autoComplete="username" spellCheck={false} maxLength={USERNAME_MAX_LENGTH} />
          </Form.Item>
          <Form.Item label={t('fields.displayName')} name="displayName" rules={displayName.rules}>
            <Input autoComplete="name" maxLength={displayName.maxLength} />
          </Form.Item>
          <PasswordFields
            name="password"
            confirmName="passwordConfirm"
            label={t('fields.password')}
            confirmLabel={t('fields.passwordConfirm')}
            relatedFields={['username', 'displayName']}
            related={
              officeValues
                ? [
                    officeValues.office.county,
                    officeValues.office.registryOffice,
                    officeValues.office.centreName,
                  ]
                : []
            }
          />
          <Space size="middle" wrap className="form-actions">
            <BusyButton type="primary" htmlType="submit" size="large" busy={create.isPending}>
              {create.isPending ? t('setup.creating') : t('setup.create')}
            </BusyButton>
            <Button size="large" onClick={() => setStep(0)} disabled={create.isPending}>
              {t('common.back')}
            </Button>
          </Space>
        </Form>
      )}

      {issue && step >= 2 && (
        <RecoveryFlow
          issue={issue}
          phase={phase}
          onPhaseChange={(p) => setStep(p === 'confirm' ? 3 : 2)}
          onDone={onFinished}
        />
      )}
    </AuthLayout>
  );
}
