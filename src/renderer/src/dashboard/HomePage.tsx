import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { Page } from '../components';
import { MyVisits } from '../followups';
import { DashboardPage } from './DashboardPage';

/**
 * 工作台 for those who handle cases; a volunteer (no case, no dashboard.get) sees their own follow-up
 * visits; administrators get a plain word on what is theirs.
 */
export function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  if (can(user.role, 'cases.work')) return <DashboardPage user={user} />;
  if (can(user.role, 'followups.visit')) {
    return (
      <Page title={t('nav.home')} intro={t('dashboard.volunteerIntro', { name: user.displayName })}>
        <MyVisits />
      </Page>
    );
  }
  return (
    <Page title={t('nav.home')}>
      <div className="coming-soon">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={<p className="coming-soon-text">{t('dashboard.noCases_admin')}</p>}
        />
      </div>
    </Page>
  );
}
