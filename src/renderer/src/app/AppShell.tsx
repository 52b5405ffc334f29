import { Suspense, useEffect, type ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import type { AppStatus } from '@shared/app';
import { can, type Permission } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { ImportPage } from '../archive';
import { ChangePasswordPage } from '../auth';
import { AuditPage } from '../audit';
import { CaseDetailPage, IntakePage, CasesPage, CaseListStateProvider, preloadCaseScreens } from '../cases';
import { HomePage } from '../dashboard';
import { EventsSection } from '../events';
import { FamiliesSection } from '../families';
import { FollowupsSection } from '../followups';
import { SettingsPage } from '../settings';
import { StatisticsSection } from '../statistics';
import { useSyncMenuExtra, SyncPage } from '../sync';
import { UsersPage } from '../users';
import { VolunteersSection } from '../volunteers';
import { PageLoading, StyleWarmup, whenIdle } from '../components';
import { ComingSoon } from './ComingSoon';
import { Forbidden, NotFound } from './Forbidden';
import { SECTIONS, sectionOf } from './sections';

interface Props {
  status: AppStatus;
  user: SessionUser;
  onLock: () => Promise<void>;
  onLogout: () => void;
}

/** The desk: sidebar of sections, a header with the office, the user and the lock, and the page. */
export function AppShell({ status, user, onLock, onLogout }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = (permission?: Permission) => !permission || can(user.role, permission);
  const guard = (permission: Permission, page: ReactNode) => (allowed(permission) ? page : <Forbidden />);

  // The screens most visits go to next (案件, a case) load once the desk is idle, not on the first click.
  const worksCases = allowed('cases.work');
  useEffect(() => (worksCases ? whenIdle(preloadCaseScreens) : undefined), [worksCases]);

  const syncExtra = useSyncMenuExtra();
  const menuItems = SECTIONS.filter((s) => allowed(s.permission)).map((s) => ({
    key: s.path,
    icon: s.icon,
    label: t(`nav.${s.key}`),
    ...(s.key === 'sync' ? syncExtra : {}),
  }));
  const selected = sectionOf(location.pathname)?.path;

  return (
    <Layout className="shell">
      <Layout.Sider className="shell-sider" theme="light" width={208}>
        <div className="shell-brand" title={t('app.title')}>
          {t('app.shortTitle')}
        </div>
        <nav aria-label={t('shell.navLabel')}>
          <Menu
            mode="inline"
            items={menuItems}
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => void navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Typography.Text className="shell-office" ellipsis>
            {status.office?.centreName ?? ''}
          </Typography.Text>
          <Space size="small" className="shell-user" wrap={false}>
            <span className="shell-user-name">
              <UserOutlined aria-hidden="true" /> {user.displayName}
            </span>
            <Tag color="blue" variant="filled">
              {t(`roles.${user.role}`)}
            </Tag>
            <Button type="text" icon={<KeyOutlined />} onClick={() => void navigate('/account/password')}>
              {t('shell.changePassword')}
            </Button>
            <Tooltip title="Ctrl+L">
              <Button
                icon={<LockOutlined />}
                aria-label={t('shell.lockAria')}
                aria-keyshortcuts="Control+L"
                onClick={() => void onLock()}
              >
                {t('shell.lock')}
              </Button>
            </Tooltip>
            <Button type="text" icon={<LogoutOutlined />} onClick={onLogout}>
              {t('shell.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <main>
            <CaseListStateProvider>
              {/* Each page's screens arrive in their own chunk on first visit; the shell stays put. */}
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  {SECTIONS.flatMap((s) =>
                    s.comingSoon
                      ? [
                          <Route
                            key={s.key}
                            path={s.path}
                            element={<ComingSoon section={{ ...s, comingSoon: s.comingSoon }} />}
                          />,
                        ]
                      : [],
                  )}
                  <Route path="/" element={<HomePage user={user} />} />
                  <Route path="/cases" element={guard('cases.work', <CasesPage user={user} />)} />
                  <Route path="/cases/import" element={guard('cases.all', <ImportPage />)} />
                  <Route path="/cases/new" element={guard('cases.work', <IntakePage user={user} />)} />
                  <Route
                    path="/cases/:caseId"
                    element={guard('cases.work', <CaseDetailPage user={user} />)}
                  />
                  <Route path="/families/*" element={guard('cases.work', <FamiliesSection user={user} />)} />
                  <Route
                    path="/followups/*"
                    element={guard('followups.visit', <FollowupsSection user={user} />)}
                  />
                  <Route
                    path="/volunteers/*"
                    element={guard('cases.work', <VolunteersSection user={user} />)}
                  />
                  <Route path="/events/*" element={guard('events.manage', <EventsSection user={user} />)} />
                  <Route
                    path="/statistics/*"
                    element={guard('cases.work', <StatisticsSection user={user} />)}
                  />
                  <Route path="/sync" element={<SyncPage user={user} />} />
                  <Route path="/settings" element={<SettingsPage user={user} />} />
                  <Route path="/users" element={guard('users.manage', <UsersPage user={user} />)} />
                  <Route path="/audit" element={guard('audit.view', <AuditPage user={user} />)} />
                  <Route path="/account/password" element={<ChangePasswordPage />} />
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </CaseListStateProvider>
          </main>
          {/* The case list's antd styles, written while the desk is idle (not on 案件's first click). */}
          {worksCases ? <StyleWarmup /> : null}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
