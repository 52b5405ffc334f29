import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useStatus } from '../api';
import { BusyButton, ErrorAlert, useFormError, PasswordFields, textField } from '../components';

interface Values {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

interface Props {
  submitLabel: string;
  onChanged: () => void;
}

/** 当前密码 + 新密码 ×2 → auth.changePassword; used by the forced change and by 修改密码. */
export function ChangePasswordForm({ submitLabel, onChanged }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const change = useApiMutation('auth.changePassword');
  // The signed-in user's own names count against a password built on them (as main's check does).
  const me = useStatus().data?.user;
  const current = textField(t, 'auth.changePassword', 'currentPassword');

  const submit = ({ currentPassword, newPassword }: Values) => {
    formError.clear();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onChanged();
        },
        onError: (error) => {
          if (error.code === 'WRONG_PASSWORD') {
            form.setFields([{ name: 'currentPassword', value: '', errors: [error.message] }]);
          } else if (error.code === 'PASSWORD_REUSED' || error.code === 'WEAK_PASSWORD') {
            form.setFields([{ name: 'newPassword', errors: [error.message] }]);
          } else {
            formError.report(error);
          }
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={submit}
      className="narrow-form"
    >
      <ErrorAlert error={formError.error} />
      <Form.Item label={t('fields.currentPassword')} name="currentPassword" rules={current.rules}>
        <Input.Password autoFocus autoComplete="current-password" maxLength={current.maxLength} />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        confirmName="newPasswordConfirm"
        label={t('fields.newPassword')}
        confirmLabel={t('fields.newPasswordConfirm')}
        related={me ? [me.username, me.displayName] : []}
      />
      <BusyButton type="primary" htmlType="submit" size="large" busy={change.isPending}>
        {submitLabel}
      </BusyButton>
    </Form>
  );
}
