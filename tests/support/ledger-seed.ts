import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { ChannelOutput } from '../../src/shared/contract';
import { archiveDesk, seedCases, type ArchiveDesk, type Seeded } from './archive-fixture';
import { fullIntake, residentId, signInAs } from './case-fixture';

/*
 * The ledger's seeded desk: the case-archive seed (counsellor A's DV case with counsellor B accompanying, a
 * DV-linked and a plain referral, a family with a plan and a volunteer; a second case with a result; a
 * minimal one) plus a case of counsellor B with a voice session, an outreach event the volunteer spoke at,
 * and a record naming the volunteer. Known counts per role are in LEDGER_EXPECTED.
 */

export const LEDGER_PERIOD = { from: '2026-03-01', to: '2026-04-30' } as const;

/** Counsellor B's own case: its parties' names never reach counsellor A's ledger. */
export const B_CASE_NAMES = ['钱多多', '孙莉莉'] as const;
export const B_CASE_ID = residentId('1985-01-09', 'female', '44');

export interface LedgerSeeded extends Seeded {
  bCaseId: string;
}

/** Rows each role's ledger of LEDGER_PERIOD holds, by sheet. */
export const LEDGER_EXPECTED = {
  director: { cases: 4, records: 3, referrals: 2, visits: 1, events: 1, volunteers: 1 },
  counsellorA: { cases: 3, records: 2, referrals: 2, visits: 1, events: 1, volunteers: 1 },
  // B accompanies A's DV case without DV rights: the DV-linked referral is absent; no family of B's.
  counsellorB: { cases: 2, records: 2, referrals: 1, visits: 0, events: 1, volunteers: 1 },
} as const;

export async function ledgerDesk(): Promise<{ d: ArchiveDesk; seeded: LedgerSeeded }> {
  const d = await archiveDesk();
  const seeded = await seedCases(d);
  const { desk, staff } = d;
  await signInAs(desk, 'counsellorB');
  const bCase = await desk.ok(
    'cases.create',
    fullIntake({
      parties: [
        {
          name: B_CASE_NAMES[0],
          documentType: 'resident_id',
          documentNumber: B_CASE_ID,
          phone: '13700000001',
        },
        { name: B_CASE_NAMES[1], phone: '13700000002' },
      ],
    }),
  );
  const draft = await desk.ok('records.saveDraft', {
    caseId: bCase.id,
    counsellorIds: [staff.counsellorB],
    volunteerNames: ['周志愿'],
    sessionDate: '2026-03-02',
    halfDay: 'pm',
    channel: 'voice',
    interviewNotes: '电话辅导，双方同意再谈',
    result: 'divorce',
    satisfaction: 'basic',
  });
  await desk.ok('records.sign', { recordId: draft.id });
  await signInAs(desk, 'director');
  const volunteers = await desk.ok('volunteers.list', {});
  const volunteer = volunteers.rows[0];
  if (!volunteer) throw new Error('the seed has a volunteer');
  await desk.ok('events.create', {
    type: 'happiness_class',
    date: '2026-03-01',
    place: '婚姻登记处二楼',
    topic: '沟通与倾听',
    durationHours: 1.5,
    speakers: [{ volunteerId: volunteer.id, name: null }],
    attendeeCount: 30,
  });
  return { d, seeded: { ...seeded, bCaseId: bCase.id } };
}

export type LedgerResult = ChannelOutput<'ledger.export'>;

/** The exported workbook, read back with exceljs. */
export async function readLedger(d: ArchiveDesk, result: LedgerResult): Promise<Workbook> {
  if (!result.fileName) throw new Error('nothing was written');
  const wb = new Workbook();
  await wb.xlsx.readFile(join(d.stick, result.fileName));
  return wb;
}
