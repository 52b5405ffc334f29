import { residentIdCheckChar } from '../../src/shared/rules/resident-id';
import type { ChannelInput } from '../../src/shared/contract';
import { addUser, ADMIN, type Desk, signInFresh } from './desk-fixture';

/** A valid resident ID number (GB 11643): region 370181, the birth date, a sequence whose last digit gives the sex. */
export function residentId(birth: string, sex: 'male' | 'female', seq = '12'): string {
  const first17 = `370181${birth.replace(/-/g, '')}${seq}${sex === 'male' ? '3' : '4'}`;
  return `${first17}${residentIdCheckChar(first17)}`;
}

export const ID_A = residentId('1990-03-07', 'male');
export const ID_B = residentId('1992-11-20', 'female');

/** Minimal intake (no consent): names, sex, phone, a filing. */
export function minimalIntake(
  overrides: Partial<ChannelInput<'cases.create'>> = {},
): ChannelInput<'cases.create'> {
  return {
    parties: [
      { name: '张三', sex: 'male', phone: '13800000001' },
      { name: '李四', sex: 'female', phone: '13800000002' },
    ],
    filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0001' },
    ...overrides,
  };
}

/** Full intake with consent by both: documents, education, marriage date, children, reasons. */
export function fullIntake(
  overrides: Partial<ChannelInput<'cases.create'>> = {},
): ChannelInput<'cases.create'> {
  return {
    type: 'divorce_adjustment',
    parties: [
      {
        name: '张三',
        documentType: 'resident_id',
        documentNumber: ID_A,
        phone: '13800000001',
        education: 'bachelor',
        occupation: '教师',
        address: '章丘区明水街道1号',
      },
      {
        name: '李四',
        documentType: 'resident_id',
        documentNumber: ID_B,
        phone: '13800000002',
        education: 'college',
        occupation: '会计',
        address: '章丘区明水街道1号',
      },
    ],
    marriageDate: '2015-05-01',
    children: [{ age: 8, livesWith: 'both' }],
    filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0001' },
    reasons: { categories: ['financial', 'in_laws'], text: '因家庭开支产生矛盾' },
    risk: { domesticViolence: false },
    consent: { consentedBy: 'both', consentedAt: '2026-03-02', method: 'written' },
    ...overrides,
  };
}

export const PASSWORDS = {
  counsellorA: 'counsellor-a-pass',
  counsellorB: 'counsellor-b-pass',
  director: 'director-pass-1',
  volunteer: 'volunteer-pass-1',
} as const;

export interface Staff {
  counsellorA: string;
  counsellorB: string;
  director: string;
  volunteer: string;
}

/** Creates the staff as the admin and replaces their temporary passwords; leaves counsellor A signed in. */
export async function addStaff(desk: Desk): Promise<Staff> {
  const staff: Staff = {
    counsellorA: await addUser(desk, 'counsellor.a', 'counsellor'),
    counsellorB: await addUser(desk, 'counsellor.b', 'counsellor'),
    director: await addUser(desk, 'director', 'director'),
    volunteer: await addUser(desk, 'volunteer', 'volunteer'),
  };
  await signInFresh(desk, 'volunteer', 'temporary-pass-1', PASSWORDS.volunteer);
  await signInFresh(desk, 'director', 'temporary-pass-1', PASSWORDS.director);
  await signInFresh(desk, 'counsellor.b', 'temporary-pass-1', PASSWORDS.counsellorB);
  await signInFresh(desk, 'counsellor.a', 'temporary-pass-1', PASSWORDS.counsellorA);
  return staff;
}

const USERNAMES = {
  counsellorA: 'counsellor.a',
  counsellorB: 'counsellor.b',
  director: 'director',
  volunteer: 'volunteer',
} as const;

/** Signs `who` in (logging out whoever is signed in). */
export async function signInAs(desk: Desk, who: keyof Staff | 'admin'): Promise<void> {
  await desk.call('auth.logout', null);
  if (who === 'admin') await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
  else await desk.ok('auth.login', { username: USERNAMES[who], password: PASSWORDS[who] });
}

/** Moves the fake clock to an instant (forward only). */
export function jumpTo(desk: Desk, iso: string): void {
  const seconds = (Date.parse(iso) - desk.clock.now().getTime()) / 1000;
  if (seconds < 0) throw new Error('the clock only moves forward');
  desk.clock.advanceSeconds(seconds);
}
