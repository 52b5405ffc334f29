import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components';
import { ChangePasswordForm } from './ChangePasswordForm';

interface Props {
  office: string | null;
  onChanged: () => void;
  onLogout: () => void;
}

/** A temporary password (new user, or reset by the admin) must be replaced before anything else. */
export function ForceChangePassword({ office, onChanged, onLogout }: Props) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('mustChange.title')} office={office}>
      <Alert className="form-alert" type="info" role="note" showIcon title={t('mustChange.intro')} />
      <ChangePasswordForm submitLabel={t('mustChange.submit')} onChanged={onChanged} />
      <div className="auth-links">
        <Button type="link" onClick={onLogout}>
          {t('shell.logout')}
        </Button>
      </div>
    </AuthLayout>
  );
}
