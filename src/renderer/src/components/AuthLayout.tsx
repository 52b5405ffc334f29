import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  /** The office's centre name, once the desk has one. */
  office?: string | null;
  wide?: boolean;
  children: ReactNode;
}

/** The calm, centred page used before anyone is signed in (setup, login, lock, recovery). */
export function AuthLayout({ title, office, wide, children }: Props) {
  const { t } = useTranslation();
  return (
    <main className="auth-page">
      <div className={wide ? 'auth-column auth-column-wide' : 'auth-column'}>
        <header className="auth-brand">
          <div className="auth-app">{t('app.title')}</div>
          {office ? <div className="auth-office">{office}</div> : null}
        </header>
        <Card className="auth-card" variant="borderless">
          <Typography.Title level={1} className="auth-title">
            {title}
          </Typography.Title>
          {children}
        </Card>
      </div>
    </main>
  );
}
