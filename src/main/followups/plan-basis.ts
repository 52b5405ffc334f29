import { localDateAt } from '../../shared/calendar';
import { ageFromBirthYear, hasMinorChild } from '../../shared/followups';
import type { Db } from '../db';
import { latestSignedOutcome } from '../records';
import { membersOf, type FamilyRow } from './followups.repository';
import type { PlanBasis } from './plans.service';

/*
 * What a family's plan is built from: the result of one of its cases (the latest signed record's result
 * and date) and whether the family has a child under 18 (from the archive's members, which are the
 * family's living record).
 */

/** The basis from a given case, or null when the case has no signed result. */
export async function planBasisForCase(
  db: Db,
  family: FamilyRow,
  caseId: string,
  now: Date = new Date(),
): Promise<PlanBasis | null> {
  const outcome = await latestSignedOutcome(db, caseId);
  if (!outcome) return null;
  const today = localDateAt(now);
  const members = (await membersOf(db, family.id)).map((m) => ({
    kind: m.kind,
    age: ageFromBirthYear(m.birth_year, today),
  }));
  return {
    caseId,
    result: outcome.result,
    resultDate: outcome.date,
    hasMinorChildren: hasMinorChild(members),
  };
}

/** The basis from the family's newest case with a signed result, or null when none has one. */
export async function planBasisOf(
  db: Db,
  family: FamilyRow,
  now: Date = new Date(),
): Promise<PlanBasis | null> {
  const cases = await db
    .selectFrom('family_cases')
    .innerJoin('cases', 'cases.id', 'family_cases.case_id')
    .select('cases.id')
    .where('family_cases.family_id', '=', family.id)
    .where('family_cases.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .orderBy('cases.received_date', 'desc')
    .orderBy('cases.created_at', 'desc')
    .execute();
  for (const c of cases) {
    const basis = await planBasisForCase(db, family, c.id, now);
    if (basis) return basis;
  }
  return null;
}
