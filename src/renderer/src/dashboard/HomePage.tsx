import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { Page } from '../components';
import { DashboardPage } from './DashboardPage';

/** 工作台 for those who handle cases; administrators and volunteers get a plain word on what is theirs. */
export function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  if (can(user.role, 'cases.work')) return <DashboardPage user={user} />;
  return (
    <Page title={t('nav.home')}>
      <div className="coming-soon">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <p className="coming-soon-text">
              {t(`dashboard.noCases_${user.role === 'admin' ? 'admin' : 'volunteer'}`)}
            </p>
          }
        />
      </div>
    </Page>
  );
}
