import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SessionUser, UserSummary } from '@shared/users';
import { useApiMutation, useUsers } from '../api';
import { ErrorAlert, Page, usePaginationNames } from '../components';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

/** 用户管理 (admin): list, add, disable/enable, reset password. */
export function UsersPage({ user: me }: { user: SessionUser }) {
  const { t } = useTranslation();
  const pageNames = usePaginationNames();
  const { message } = App.useApp();
  const users = useUsers();
  const setDisabled = useApiMutation('users.setDisabled');
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserSummary | null>(null);

  const toggle = (u: UserSummary) => {
    setDisabled.mutate(
      { userId: u.id, disabled: !u.disabled },
      {
        onSuccess: (updated) => {
          if (updated.disabled) {
            void message.success(t('users.disabledDone'));
          } else {
            // A disabled account lost its key slot; it can sign in again only with a new password.
            void message.info(t('users.enabledNeedReset'));
            setResetting(updated);
          }
        },
      },
    );
  };

  const columns: ColumnsType<UserSummary> = [
    { title: t('fields.username'), dataIndex: 'username', key: 'username' },
    {
      title: t('fields.displayName'),
      key: 'displayName',
      render: (_, u) => (
        <>
          {u.displayName}
          {u.id === me.id ? <span className="muted">{t('users.you')}</span> : null}
        </>
      ),
    },
    { title: t('fields.role'), key: 'role', render: (_, u) => t(`roles.${u.role}`) },
    {
      title: t('users.colStatus'),
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
          {u.mustChangePassword && !u.disabled ? <Tag color="gold">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.colLastLogin'),
      key: 'lastLoginAt',
      render: (_, u) => (u.lastLoginAt ? dayjs(u.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('users.never')),
    },
    {
      title: t('users.colActions'),
      key: 'actions',
      render: (_, u) => (
        <Space size="small" wrap>
          {u.id === me.id ? (
            <Tooltip title={t('users.cannotDisableSelf')}>
              <Button size="small" disabled>
                {t('users.disable')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={
                u.disabled
                  ? t('users.enableConfirm', { name: u.displayName })
                  : t('users.disableConfirm', { name: u.displayName })
              }
              description={u.disabled ? t('users.enableConfirmBody') : t('users.disableConfirmBody')}
              okText={u.disabled ? t('users.enable') : t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: !u.disabled }}
              onConfirm={() => toggle(u)}
            >
              <Button size="small" danger={!u.disabled}>
                {u.disabled ? t('users.enable') : t('users.disable')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" disabled={u.disabled} onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Page
      title={t('users.title')}
      intro={t('users.intro')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('users.add')}
        </Button>
      }
    >
      <ErrorAlert error={users.error ?? setDisabled.error} />
      <div className="panel panel-flush">
        <Table<UserSummary>
          rowKey="id"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isPending}
          pagination={{ ...pageNames, hideOnSinglePage: true, pageSize: 20 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} />,
          }}
        />
      </div>
      <UserFormModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={() => {
          setAdding(false);
          void message.success(t('users.created'));
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          void message.success(t('users.resetDone'));
        }}
      />
    </Page>
  );
}
