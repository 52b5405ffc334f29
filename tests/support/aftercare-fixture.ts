import type { ChannelInput, ChannelOutput } from '../../src/shared/contract';
import { signInAs, type Staff } from './case-fixture';
import type { Desk } from './desk-fixture';

/*
 * Aftercare steps shared by the family, follow-up and volunteer tests: a signed counselling result on a
 * case, and a volunteer on the roster (added by the director).
 */

/** Signs a record with `result` on the case, dated `date`, as the counsellor signed in (`counsellorId`). */
export async function signResult(
  desk: Desk,
  caseId: string,
  counsellorId: string,
  result: 'reconcile' | 'postpone' | 'divorce',
  date = '2026-03-02',
): Promise<void> {
  const draft = await desk.ok('records.saveDraft', {
    caseId,
    counsellorIds: [counsellorId],
    sessionDate: date,
    halfDay: 'am',
    channel: 'face_to_face',
    interviewNotes: '双方陈述，情绪稳定',
    result,
  });
  await desk.ok('records.sign', { recordId: draft.id });
}

export type VolunteerInput = Partial<ChannelInput<'volunteers.create'>>;

/** Adds a volunteer as the director, then signs `back` in again; returns the profile. */
export async function addVolunteer(
  desk: Desk,
  input: VolunteerInput = {},
  back: keyof Staff | 'admin' = 'counsellorA',
): Promise<ChannelOutput<'volunteers.create'>> {
  await signInAs(desk, 'director');
  const v = await desk.ok('volunteers.create', {
    name: '周志愿',
    profession: 'lawyer',
    qualified: true,
    pledgeSignedDate: '2026-03-01',
    ...input,
  });
  await signInAs(desk, back);
  return v;
}
