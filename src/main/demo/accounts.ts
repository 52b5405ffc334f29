import type { Office } from '../../shared/settings';
import type { Role } from '../../shared/roles';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import type { DeskApp } from '../app';

/*
 * The demo desk's office and accounts, made through the real services (setup.create, users.create) as an
 * administrator would. The passwords are printed for the newcomer: a demo desk holds invented data only,
 * and lives in its own data directory (never the user's real one).
 *
 * There is no volunteer-coordinator role (src/shared/roles.ts): the director manages the roster.
 */

export const DEMO_OFFICE: Office = {
  county: '章丘区',
  registryOffice: '章丘区婚姻登记处',
  centreName: '婚姻家庭辅导中心',
  level: 'centre',
};

/** One password per role, so the printed table stays short. */
export const DEMO_PASSWORDS: Record<Role, string> = {
  admin: 'demo-admin-2026',
  director: 'demo-director-2026',
  counsellor: 'demo-counsel-2026',
  volunteer: 'demo-volunteer-2026',
};

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const COUNSELLOR_NAMES = [
  '张敏',
  '刘洋',
  '陈静',
  '杨帆',
  '赵丽',
  '孙强',
  '周婷',
  '吴磊',
  '徐芳',
  '马超',
  '朱琳',
  '胡杰',
  '郭燕',
  '何涛',
  '高雪',
  '林峰',
  '罗娟',
  '郑宇',
  '梁慧',
  '宋佳',
];
/** Volunteers with a desk account (they see only the follow-up visits assigned to them). */
const VOLUNTEER_ACCOUNTS = [
  { username: 'volunteer01', displayName: '韩秀英' },
  { username: 'volunteer02', displayName: '董志刚' },
];

/** Counsellors for a desk of `cases`: about 5,000 cases each at scale, at least four. */
export function counsellorCount(cases: number): number {
  return Math.min(COUNSELLOR_NAMES.length, Math.max(4, Math.ceil(cases / 5000)));
}

/** Every account of a demo desk of `cases`, admin first. */
export function demoAccounts(cases: number): DemoAccount[] {
  const account = (username: string, displayName: string, role: Role): DemoAccount => ({
    username,
    displayName,
    role,
    password: DEMO_PASSWORDS[role],
  });
  return [
    account('admin', '王建国', 'admin'),
    account('director', '李红梅', 'director'),
    ...COUNSELLOR_NAMES.slice(0, counsellorCount(cases)).map((name, i) =>
      account(`counsellor${String(i + 1).padStart(2, '0')}`, name, 'counsellor'),
    ),
    ...VOLUNTEER_ACCOUNTS.map((v) => account(v.username, v.displayName, 'volunteer')),
  ];
}

async function ok<K extends Channel>(
  app: DeskApp,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  const result = await app.dispatch(channel, input);
  // A demo that cannot be set up is a bug: the code names the failing rule (no personal data in it).
  if (!result.ok) throw new Error(`demo setup: ${channel} failed with ${result.error.code}`);
  return result.value as ChannelOutput<K>;
}

/**
 * First-run setup and the accounts, through dispatch: the office, the administrator (signed in by
 * setup), then every other account with its demo password as the temporary password. The generator
 * clears "must change password" afterwards, so each demo account signs in with the printed password.
 * Returns the recovery code setup issued.
 */
export async function createDemoAccounts(app: DeskApp, accounts: readonly DemoAccount[]): Promise<string> {
  const [admin, ...others] = accounts;
  if (admin?.role !== 'admin') throw new Error('the first demo account is the administrator');
  const issued = await ok(app, 'setup.create', {
    office: DEMO_OFFICE,
    admin: { username: admin.username, displayName: admin.displayName, password: admin.password },
    language: 'zh-CN',
  });
  // As the wizard does: the administrator types back the asked-for group of the code.
  const group = issued.recoveryCode.split('-')[issued.confirmGroup - 1] ?? '';
  await ok(app, 'auth.confirmRecovery', { answer: group });
  for (const a of others) {
    await ok(app, 'users.create', {
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      temporaryPassword: a.password,
    });
  }
  await ok(app, 'auth.logout', null);
  return issued.recoveryCode;
}
