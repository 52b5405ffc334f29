import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  FolderOpenOutlined,
  HeartOutlined,
  HomeOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shared/roles';
import type { zhCN } from '../i18n';

export type SectionKey = keyof typeof zhCN.nav;

export interface Section {
  key: SectionKey;
  path: string;
  icon: ReactNode;
  /** Shown (and reachable) only with this permission. */
  permission?: Permission;
  /** Not built yet: the page says what will be there. */
  comingSoon?: keyof typeof zhCN.placeholder;
}

/** The sidebar, in the order of a counsellor's day; a section not built yet is `comingSoon`. */
export const SECTIONS: readonly Section[] = [
  { key: 'home', path: '/', icon: <HomeOutlined /> },
  { key: 'cases', path: '/cases', icon: <SolutionOutlined />, permission: 'cases.work' },
  { key: 'families', path: '/families', icon: <FolderOpenOutlined />, permission: 'cases.work' },
  { key: 'followups', path: '/followups', icon: <ScheduleOutlined />, permission: 'followups.visit' },
  { key: 'volunteers', path: '/volunteers', icon: <HeartOutlined />, permission: 'cases.work' },
  { key: 'events', path: '/events', icon: <CalendarOutlined />, permission: 'events.manage' },
  { key: 'stats', path: '/statistics', icon: <BarChartOutlined />, permission: 'cases.work' },
  { key: 'sync', path: '/sync', icon: <CloudSyncOutlined /> },
  { key: 'settings', path: '/settings', icon: <SettingOutlined /> },
  { key: 'users', path: '/users', icon: <TeamOutlined />, permission: 'users.manage' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, permission: 'audit.view' },
];

/** The section a path belongs to (for the selected menu item). */
export function sectionOf(pathname: string): Section | undefined {
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return SECTIONS.find((s) => s.path === first);
}
