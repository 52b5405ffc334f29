import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RestoreCredential } from '@shared/backup';
import { BusyButton, ErrorAlert, USERNAME_MAX_LENGTH } from '../components';

interface Values {
  kind: RestoreCredential['kind'];
  username?: string;
  password?: string;
  code?: string;
  confirmed?: boolean;
}

interface Props {
  /** Ask to confirm that the current data will be replaced (not on a fresh installation). */
  confirm: boolean;
  busy: boolean;
  error: unknown;
  disabled?: boolean;
  onSubmit: (credential: RestoreCredential) => void;
}

/** The credential valid at backup time: username + password, or the recovery code. */
export function RestoreForm({ confirm, busy, error, disabled, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<Values['kind']>('password');

  const submit = (v: Values) =>
    onSubmit(
      v.kind === 'password'
        ? { kind: 'password', username: (v.username ?? '').trim().toLowerCase(), password: v.password ?? '' }
        : { kind: 'recoveryCode', code: (v.code ?? '').trim() },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{ kind: 'password' }}
      onFinish={submit}
      disabled={disabled}
    >
      {confirm ? <Alert className="form-alert" type="warning" showIcon title={t('backup.warning')} /> : null}
      <p className="muted">{t('backup.credentialIntro')}</p>
      <ErrorAlert error={error} />
      <Form.Item label={t('backup.credentialKind')} name="kind">
        <Radio.Group onChange={(e) => setKind(e.target.value as Values['kind'])}>
          <Radio value="password">{t('backup.byPassword')}</Radio>
          <Radio value="recoveryCode">{t('backup.byRecoveryCode')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'password' ? (
        <>
          <Form.Item
            label={t('backup.username')}
            name="username"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input autoComplete="off" spellCheck={false} maxLength={USERNAME_MAX_LENGTH} />
          </Form.Item>
          <Form.Item
            label={t('backup.password')}
            name="password"
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="off" maxLength={128} />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          label={t('backup.recoveryCode')}
          name="code"
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={80} />
        </Form.Item>
      )}
      {confirm ? (
        <Form.Item
          name="confirmed"
          valuePropName="checked"
          rules={[
            {
              validator: (_r, value) =>
                value === true ? Promise.resolve() : Promise.reject(new Error(t('common.required'))),
            },
          ]}
        >
          <Checkbox>{t('backup.confirm')}</Checkbox>
        </Form.Item>
      ) : null}
      <BusyButton type="primary" danger={confirm} htmlType="submit" busy={busy}>
        {t('backup.restore')}
      </BusyButton>
    </Form>
  );
}
