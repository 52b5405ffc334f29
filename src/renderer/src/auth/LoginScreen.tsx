import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components';
import { SignInForm } from './SignInForm';

interface Props {
  office: string | null;
  onSignedIn: () => void;
  onForgot: () => void;
}

export function LoginScreen({ office, onSignedIn, onForgot }: Props) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('login.title')} office={office}>
      <SignInForm
        submitLabel={t('login.submit')}
        link={{ label: t('login.forgot'), onClick: onForgot }}
        onSignedIn={onSignedIn}
      />
    </AuthLayout>
  );
}
