import type { ChannelInput } from '../../src/shared/contract';
import { addStaff, jumpTo, minimalIntake, signInAs, type Staff } from './case-fixture';
import { setUpDesk, type Desk } from './desk-fixture';

/**
 * A desk with staff (counsellor A signed in) and one divorce filing received 2026-03-02 (the fake clock's
 * first day): counsellor A in charge, counsellor B accompanying (陪护).
 */
export async function deskWithCase(): Promise<{
  desk: Desk;
  staff: Staff;
  caseId: string;
  caseNumber: string;
  cleanup: () => Promise<void>;
}> {
  const { desk, cleanup } = await setUpDesk();
  const staff = await addStaff(desk);
  const c = await desk.ok('cases.create', minimalIntake({ companionUserId: staff.counsellorB }));
  return { desk, staff, caseId: c.id, caseNumber: c.caseNumber, cleanup };
}

export const DISCLOSURE: Omit<ChannelInput<'dv.create'>, 'caseId'> = {
  disclosedBy: 'party_b',
  disclosedAt: '2026-03-02',
  facts: '对方多次推搡，并以言语威胁',
  injuriesEvidence: '手臂淤青照片两张',
  riskLevel: 'high',
  victimWishes: '希望先分居',
  minorsInvolved: false,
  victimLacksCapacity: false,
  helpInfoGiven: true,
};

/** The error code of a call, or 'ok'. */
export async function codeOf<K extends Parameters<Desk['call']>[0]>(
  desk: Desk,
  channel: K,
  input: ChannelInput<K>,
): Promise<string> {
  const r = await desk.call(channel, input);
  return r.ok ? 'ok' : r.error.code;
}

/** Audit actions (newest first) as the director sees them, then signs `back` in again. */
export async function auditActions(desk: Desk, back: keyof Staff | 'admin' = 'counsellorA') {
  await signInAs(desk, 'director');
  const rows = (await desk.ok('audit.list', { pageSize: 200 })).rows;
  await signInAs(desk, back);
  return rows;
}

/** Moves the fake clock forward (the idle lock fires) and signs `who` in again. */
export async function travel(
  desk: Desk,
  iso: string,
  who: keyof Staff | 'admin' = 'counsellorA',
): Promise<void> {
  jumpTo(desk, iso);
  await signInAs(desk, who);
}
