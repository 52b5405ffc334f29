import { Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components';
import { SignInForm } from './SignInForm';

interface Props {
  office: string | null;
  lockedUser: { username: string; displayName: string };
  onUnlocked: () => void;
  onSwitchUser: () => void;
}

/** Asks only for the password of whoever locked the desk; anyone else uses 切换用户. */
export function LockScreen({ office, lockedUser, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('lock.title')} office={office}>
      <div className="lock-badge" aria-hidden="true">
        <LockOutlined />
      </div>
      <Typography.Paragraph className="lock-who">
        {t('lock.lockedBy', { name: lockedUser.displayName })}
      </Typography.Paragraph>
      <SignInForm
        lockedUsername={lockedUser.username}
        submitLabel={t('lock.submit')}
        link={{ label: t('lock.switchUser'), onClick: onSwitchUser }}
        onSignedIn={onUnlocked}
      />
    </AuthLayout>
  );
}
