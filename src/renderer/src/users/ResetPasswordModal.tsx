import { Button, Form, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@shared/users';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert, useFormError, PasswordFields } from '../components';

interface Values {
  temporaryPassword: string;
  temporaryPasswordConfirm: string;
}

interface Props {
  user: UserSummary | null;
  onClose: () => void;
  onDone: () => void;
}

/** 重置密码: a temporary password typed twice; the user must replace it at the next sign-in. */
export function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const reset = useApiMutation('users.resetPassword');

  const submit = ({ temporaryPassword }: Values) => {
    if (!user) return;
    formError.clear();
    reset.mutate(
      { userId: user.id, temporaryPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onDone();
        },
        onError: (error) => formError.report(error),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Typography.Paragraph type="secondary">{t('users.resetIntro')}</Typography.Paragraph>
        <ErrorAlert error={formError.error} />
        <PasswordFields
          name="temporaryPassword"
          confirmName="temporaryPasswordConfirm"
          label={t('fields.temporaryPassword')}
          confirmLabel={t('fields.temporaryPasswordConfirm')}
          autoFocus
          related={user ? [user.username, user.displayName] : []}
        />
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={reset.isPending}>
            {t('users.resetPassword')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
