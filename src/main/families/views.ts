import { localDateAt } from '../../shared/calendar';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import type { FamilyDetail, FamilySummary } from '../../shared/families';
import { ageFromBirthYear, isVisitOverdue } from '../../shared/followups';
import type { SessionUser } from '../../shared/users';
import { findVisibleCaseOrThrow } from '../cases';
import type { Db } from '../db';
import { findVisibleFamilyOrThrow, membersOf, plansOfFamilyView, type FamilyRow } from '../followups';
import { latestSignedOutcome } from '../records';
import { displayNames, userRef } from '../users';
import { volunteerNames } from '../volunteers';
import {
  casesOfFamily,
  familyLinkOfCase,
  familyListPage,
  filteredFamilies,
  helpLinksOf,
  nextVisitsOf,
} from './families.repository';

/*
 * Family archives as the screens get them (docs/domain.md "Family archives"): the archive with its members,
 * help links, cases the caller may see and plans; the paged list with each archive's next visit; whether a
 * case has or can open an archive. Read only.
 */

export async function familyDetail(
  db: Db,
  user: SessionUser,
  family: FamilyRow,
  now: Date,
): Promise<FamilyDetail> {
  const today = localDateAt(now);
  const [members, links, cases, plans, names] = await Promise.all([
    membersOf(db, family.id),
    helpLinksOf(db, family.id),
    casesOfFamily(db, user, family.id),
    plansOfFamilyView(db, family.id, today),
    displayNames(db, [family.counsellor_id]),
  ]);
  return {
    id: family.id,
    archiveNumber: family.archive_number,
    name: family.name,
    status: family.status,
    closedReason: family.closed_reason,
    focus: family.focus,
    result: family.result,
    needs: family.needs,
    safetyNotes: family.safety_notes,
    counsellor: userRef(names, family.counsellor_id),
    members: members.map((m) => ({
      id: m.id,
      kind: m.kind,
      relation: m.relation,
      name: m.name,
      age: ageFromBirthYear(m.birth_year, today),
      situation: m.situation,
    })),
    helpLinks: links.map((l) => ({
      id: l.id,
      kind: l.kind,
      helperName: l.helper_name,
      contact: l.contact,
      status: l.status,
      startDate: l.start_date,
      endDate: l.end_date,
      notes: l.notes,
    })),
    cases: cases.map((c) => ({
      id: c.id,
      caseNumber: c.case_number,
      type: c.type,
      receivedDate: c.received_date,
      registrationStatus: c.registration_status,
      result: c.result,
    })),
    plans,
    version: family.version,
    createdAt: family.created_at,
    updatedAt: family.updated_at,
    today,
  };
}

export async function getFamily(
  db: Db,
  user: SessionUser,
  familyId: string,
  now: Date,
): Promise<FamilyDetail> {
  return familyDetail(db, user, await findVisibleFamilyOrThrow(db, user, familyId), now);
}

/** 'families.list': most recently changed first, paged, with the next visit of each. */
export async function listFamilies(
  db: Db,
  user: SessionUser,
  f: ChannelParsed<'families.list'>,
  now: Date,
): Promise<ChannelOutput<'families.list'>> {
  const today = localDateAt(now);
  const count = await filteredFamilies(db, user, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await familyListPage(db, user, f).execute();
  const visits = await nextVisitsOf(
    db,
    rows.map((r) => r.id),
  );
  const counsellors = await displayNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  const volunteers = await volunteerNames(
    db,
    visits.flatMap((v) => (v.volunteer_id ? [v.volunteer_id] : [])),
  );
  const next = new Map(visits.map((v) => [v.family_id, v]));
  return {
    rows: rows.map((r): FamilySummary => {
      const v = next.get(r.id);
      return {
        id: r.id,
        archiveNumber: r.archive_number,
        name: r.name,
        status: r.status,
        focus: r.focus,
        members: Number(r.member_count ?? 0),
        cases: Number(r.case_count ?? 0),
        nextVisit: v
          ? {
              dueDate: v.due_date,
              overdue: isVisitOverdue({ status: 'scheduled', dueDate: v.due_date }, today),
              volunteerName: v.volunteer_id ? (volunteers.get(v.volunteer_id) ?? null) : null,
            }
          : null,
        counsellor: userRef(counsellors, r.counsellor_id),
        updatedAt: r.updated_at,
      };
    }),
    total: Number(count.n),
    today,
  };
}

/** 'families.ofCase': the case's archive, and whether one can be opened (a signed result). */
export async function familyOfCase(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<ChannelOutput<'families.ofCase'>> {
  await findVisibleCaseOrThrow(db, user, caseId);
  const link = await familyLinkOfCase(db, caseId);
  const canOpen = (await latestSignedOutcome(db, caseId)) !== null;
  return { familyId: link?.family_id ?? null, canOpen };
}
