import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { openStore } from '../../src/main/desk/store';
import type { ChannelOutput } from '../../src/shared/contract';
import { signResult, addVolunteer } from './aftercare-fixture';
import { addStaff, fullIntake, minimalIntake, residentId, signInAs, type Staff } from './case-fixture';
import { ADMIN, Desk, FakeClock, SETUP_INPUT } from './desk-fixture';
import { DISCLOSURE } from './protection-fixture';
import { tempDir } from './tmp';

/*
 * Case-archive fixtures: desks whose folder dialog answers a "stick" (a temp folder the test controls), a
 * seeded set of cases that touches every table an archive carries, and the store's rows read back after
 * the desk has closed (for field-by-field comparison).
 */

export const PASSPHRASE = 'blue whale jumps over 73 fences';

/** Distinctive personal texts of the seeded cases: none may appear in an archive file. */
export const SECRETS = {
  names: ['欧阳明远', '司马婉清'],
  idNumber: residentId('1988-06-15', 'male', '37'),
  notes: '双方就抚养问题争执，男方提到赌债',
  addendum: '补充：女方已搬回娘家居住',
  dvFacts: DISCLOSURE.facts,
} as const;

export interface ArchiveDesk {
  desk: Desk;
  staff: Staff;
  dir: string;
  stick: string;
  /** What the folder dialog answers (null: cancelled). */
  setFolder(folder: string | null): void;
  cleanup(): Promise<void>;
}

/** A set-up desk with staff (counsellor A signed in) whose folder dialog answers its own stick folder. */
export async function archiveDesk(clock = new FakeClock()): Promise<ArchiveDesk> {
  const tmp = tempDir('counseldesk-archive-');
  const dir = join(tmp.dir, 'desk');
  const stick = join(tmp.dir, 'stick');
  mkdirSync(stick);
  let folder: string | null = stick;
  const desk = await Desk.open(dir, clock, { folder: () => folder });
  await desk.ok('setup.create', SETUP_INPUT);
  const staff = await addStaff(desk);
  return {
    desk,
    staff,
    dir,
    stick,
    setFolder: (f) => {
      folder = f;
    },
    cleanup: async () => {
      await desk.close().catch(() => undefined);
      tmp.cleanup();
    },
  };
}

export interface Seeded {
  caseIds: string[];
  familyId: string;
  /** The case whose DV the companion (counsellor B) may not see. */
  dvCaseId: string;
}

/**
 * As counsellor A (B accompanying): a full case with a signed record, an addendum, a DV disclosure, a
 * DV-linked and a plain referral, a director's supervision item, a family archive with a plan and a
 * volunteer; plus a second full case and a minimal one. Leaves counsellor A signed in.
 */
export async function seedCases(d: ArchiveDesk): Promise<Seeded> {
  const { desk, staff } = d;
  const volunteer = await addVolunteer(desk, { name: '周志愿' });
  const main = await desk.ok(
    'cases.create',
    fullIntake({
      companionUserId: staff.counsellorB,
      parties: [
        {
          name: SECRETS.names[0],
          documentType: 'resident_id',
          documentNumber: SECRETS.idNumber,
          phone: '13900000001',
          education: 'bachelor',
          occupation: '教师',
          address: '章丘区明水街道8号',
        },
        { name: SECRETS.names[1], phone: '13900000002', occupation: '会计' },
      ],
    }),
  );
  const draft = await desk.ok('records.saveDraft', {
    caseId: main.id,
    counsellorIds: [staff.counsellorA],
    sessionDate: '2026-03-02',
    halfDay: 'am',
    channel: 'face_to_face',
    interviewNotes: SECRETS.notes,
    result: 'reconcile',
  });
  await desk.ok('records.sign', { recordId: draft.id });
  await desk.ok('records.addAddendum', { recordId: draft.id, text: SECRETS.addendum });
  const dv = await desk.ok('dv.create', { caseId: main.id, ...DISCLOSURE });
  await desk.ok('referrals.create', {
    caseId: main.id,
    target: 'police',
    reason: '家暴，需出具告诫书',
    consentGiven: true,
    expectedReplyDate: '2026-03-09',
    dvDisclosureId: dv.id,
  });
  await desk.ok('referrals.create', {
    caseId: main.id,
    target: 'legal_aid',
    reason: '财产分割咨询',
    consentGiven: true,
    expectedReplyDate: '2026-03-16',
  });
  const family = await desk.ok('families.openFromCase', { caseId: main.id });
  const plan = family.plans[0];
  if (!plan) throw new Error('the family should have a plan');
  await signInAs(desk, 'director');
  await desk.ok('followups.assign', { planId: plan.id, volunteerId: volunteer.id });
  await desk.ok('supervision.create', {
    kind: 'supervise',
    caseId: main.id,
    dueDate: '2026-03-20',
    instructions: '请跟进',
  });
  await signInAs(desk, 'counsellorA');
  const second = await desk.ok('cases.create', fullIntake());
  await signResult(desk, second.id, staff.counsellorA, 'postpone');
  const third = await desk.ok('cases.create', minimalIntake());
  return { caseIds: [main.id, second.id, third.id], familyId: family.id, dvCaseId: main.id };
}

/** Exports the cases as the signed-in user; returns the call's answer. */
export function exportCases(
  desk: Desk,
  caseIds: string[],
  summaryPdf = false,
): Promise<ChannelOutput<'archive.export'>> {
  return desk.ok('archive.export', {
    selection: { kind: 'cases', caseIds },
    passphrase: PASSPHRASE,
    passphraseConfirm: PASSPHRASE,
    summaryPdf,
  });
}

export function filesIn(folder: string): string[] {
  return readdirSync(folder).sort();
}

export type Row = Record<string, unknown>;

/** Reads rows from a closed desk's store (opened with the admin's password). */
export async function readStore<T>(
  dir: string,
  read: (q: (text: string) => Promise<Row[]>) => Promise<T>,
): Promise<T> {
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin slot does not open');
  const store = await openStore(dir, unlocked.dbKey);
  try {
    return await read(async (text) => (await sql.raw<Row>(text).execute(store.db)).rows);
  } finally {
    await store.close();
  }
}
