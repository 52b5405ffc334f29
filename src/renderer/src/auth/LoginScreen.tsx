import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@shared/users';
import { AuthLayout } from '../components';
import { SignInForm } from './SignInForm';

interface Props {
  office: string | null;
  /** With the user now signed in (the sign-in's answer). */
  onSignedIn: (user: SessionUser) => void;
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
