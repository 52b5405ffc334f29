import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@shared/roles';
import { useApiMutation } from '../api';
import {
  BusyButton,
  ErrorAlert,
  useFormError,
  PasswordFields,
  textField,
  USERNAME_MAX_LENGTH,
  usernameRules,
} from '../components';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  temporaryPassword: string;
  temporaryPasswordConfirm: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}

/** 添加用户: the form has its own submit button, so Enter in any field adds the user. */
export function UserFormModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const create = useApiMutation('users.create');
  const displayName = textField(t, 'users.create', 'displayName');

  const submit = (values: Values) => {
    formError.clear();
    create.mutate(
      {
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName.trim(),
        role: values.role,
        temporaryPassword: values.temporaryPassword,
      },
      {
        onSuccess: () => {
          form.resetFields();
          onCreated();
        },
        onError: (error) => {
          if (error.code === 'USERNAME_TAKEN')
            form.setFields([{ name: 'username', errors: [error.message] }]);
          else formError.report(error);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('users.addTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ role: 'counsellor' }}
      >
        <ErrorAlert error={formError.error} />
        <Form.Item
          label={t('fields.username')}
          name="username"
          rules={usernameRules(t)}
          extra={t('fields.usernameHelp')}
        >
          <Input autoFocus autoComplete="off" spellCheck={false} maxLength={USERNAME_MAX_LENGTH} />
        </Form.Item>
        <Form.Item label={t('fields.displayName')} name="displayName" rules={displayName.rules}>
          <Input autoComplete="off" maxLength={displayName.maxLength} />
        </Form.Item>
        <Form.Item
          label={t('fields.role')}
          name="role"
          rules={[{ required: true }]}
          extra={t('users.roleHelp')}
        >
          <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <PasswordFields
          name="temporaryPassword"
          confirmName="temporaryPasswordConfirm"
          label={t('fields.temporaryPassword')}
          confirmLabel={t('fields.temporaryPasswordConfirm')}
          relatedFields={['username', 'displayName']}
        />
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton type="primary" htmlType="submit" busy={create.isPending}>
            {t('users.add')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
