import { sql, type Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { FamilyListFilter } from '../../shared/families';
import type { SessionUser } from '../../shared/users';
import { caseVisibility } from '../cases';
import type { DB, Db } from '../db';
import { familyVisibility } from '../followups';
import type {
  FamilyRow,
  HelpLinkRow,
  MemberRow,
  NewFamilyCaseRow,
  NewFamilyRow,
  NewHelpLinkRow,
  NewMemberRow,
} from './families.table';

/*
 * The family archives' queries. Who sees an archive is one rule (familyVisibility, from the follow-ups
 * module): directors every archive, a counsellor the archives they are in charge of. The cases listed in
 * an archive are further filtered by the case's own visibility.
 */

const ARCHIVE_SEQ_DIGITS = 5;

/** Archive numbers `JT-{year}-{seq}` (at least 5 digits, more past 99,999) count per desk and office-local year. */
export async function nextArchiveNumber(
  trx: Transaction<DB>,
  deviceId: string,
  year: number,
): Promise<{ seq: number; archiveNumber: string }> {
  const row = await trx
    .selectFrom('families')
    .select((eb) => eb.fn.max('archive_seq').as('highest'))
    .where('origin_device', '=', deviceId)
    .where('archive_year', '=', year)
    .executeTakeFirst();
  const seq = (row?.highest ?? 0) + 1;
  return { seq, archiveNumber: `JT-${year}-${String(seq).padStart(ARCHIVE_SEQ_DIGITS, '0')}` };
}

export async function insertFamily(trx: Transaction<DB>, row: NewFamilyRow): Promise<FamilyRow> {
  return trx.insertInto('families').values(row).returningAll().executeTakeFirstOrThrow();
}

type FamilyChange = Partial<
  Pick<FamilyRow, 'name' | 'needs' | 'safety_notes' | 'status' | 'closed_reason' | 'closed_at'>
>;

/** Bumps version and updated_at; also used to mark the archive changed when a member or link changes. */
export async function updateFamily(
  trx: Transaction<DB>,
  familyId: string,
  set: FamilyChange,
  at: Date,
): Promise<FamilyRow> {
  return trx
    .updateTable('families')
    .set((eb) => ({ ...set, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', familyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The archives 'families.list' shows (no order, no paging): shared by the page and the count. */
export function filteredFamilies(db: Db, user: SessionUser, f: Pick<FamilyListFilter, 'query' | 'status'>) {
  let q = db.selectFrom('families').where('families.deleted_at', 'is', null).where(familyVisibility(user));
  if (f.status !== 'all') q = q.where('families.status', '=', f.status);
  if (f.query !== '') {
    // A literal part of the name or the number: LIKE's wildcards in the typed text match themselves.
    const pattern = `%${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`families.name`, 'like', sql`${pattern} ESCAPE '\\'`),
        eb(sql`families.archive_number`, 'like', sql`${pattern} ESCAPE '\\'`),
      ]),
    );
  }
  return q;
}

/** One page, most recently changed first, with member and case counts. */
export function familyListPage(
  db: Db,
  user: SessionUser,
  f: Pick<FamilyListFilter, 'query' | 'status' | 'page' | 'pageSize'>,
) {
  return filteredFamilies(db, user, f)
    .selectAll('families')
    .select((eb) => [
      eb
        .selectFrom('family_members')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('family_members.family_id', '=', 'families.id')
        .where('family_members.deleted_at', 'is', null)
        .as('member_count'),
      eb
        .selectFrom('family_cases')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('family_cases.family_id', '=', 'families.id')
        .where('family_cases.deleted_at', 'is', null)
        .as('case_count'),
    ])
    .orderBy('families.updated_at', 'desc')
    .orderBy('families.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** The open visit of each family's active plan, for a page of families. */
export async function nextVisitsOf(db: Db, familyIds: readonly string[]) {
  if (familyIds.length === 0) return [];
  return db
    .selectFrom('followup_visits')
    .innerJoin('followup_plans', 'followup_plans.id', 'followup_visits.plan_id')
    .select(['followup_visits.family_id', 'followup_visits.due_date', 'followup_visits.volunteer_id'])
    .where('followup_visits.family_id', 'in', [...familyIds])
    .where('followup_visits.status', '=', 'scheduled')
    .where('followup_visits.deleted_at', 'is', null)
    .where('followup_plans.status', '=', 'active')
    .execute();
}

// ── cases of a family ────────────────────────────────────────────────────────────────────────────────

/** The living family link of a case, if any. */
export async function familyLinkOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('family_cases')
    .innerJoin('families', 'families.id', 'family_cases.family_id')
    .select(['family_cases.family_id'])
    .where('family_cases.case_id', '=', caseId)
    .where('family_cases.deleted_at', 'is', null)
    .where('families.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertFamilyCase(trx: Transaction<DB>, row: NewFamilyCaseRow): Promise<void> {
  await trx.insertInto('family_cases').values(row).execute();
}

/** The family's cases the user may see, newest first. */
export async function casesOfFamily(db: Db, user: SessionUser, familyId: string) {
  return db
    .selectFrom('family_cases')
    .innerJoin('cases', 'cases.id', 'family_cases.case_id')
    .select([
      'cases.id',
      'cases.case_number',
      'cases.type',
      'cases.received_date',
      'cases.registration_status',
      'cases.result',
    ])
    .where('family_cases.family_id', '=', familyId)
    .where('family_cases.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user))
    .orderBy('cases.received_date', 'desc')
    .orderBy('cases.created_at', 'desc')
    .execute();
}

// ── members and help links ───────────────────────────────────────────────────────────────────────────

export async function insertMember(trx: Transaction<DB>, row: NewMemberRow): Promise<void> {
  await trx.insertInto('family_members').values(row).execute();
}

export async function findMember(db: Db, memberId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('family_members')
    .selectAll()
    .where('id', '=', memberId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function updateMember(
  trx: Transaction<DB>,
  memberId: string,
  set: Partial<Pick<MemberRow, 'kind' | 'relation' | 'name' | 'birth_year' | 'situation'>>,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('family_members')
    .set((eb) => ({ ...set, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', memberId)
    .execute();
}

export async function helpLinksOf(db: Db, familyId: string): Promise<HelpLinkRow[]> {
  return db
    .selectFrom('family_help_links')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('deleted_at', 'is', null)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findHelpLink(db: Db, linkId: string): Promise<HelpLinkRow | undefined> {
  return db
    .selectFrom('family_help_links')
    .selectAll()
    .where('id', '=', linkId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertHelpLink(trx: Transaction<DB>, row: NewHelpLinkRow): Promise<void> {
  await trx.insertInto('family_help_links').values(row).execute();
}

export async function updateHelpLink(
  trx: Transaction<DB>,
  linkId: string,
  set: Partial<
    Pick<HelpLinkRow, 'kind' | 'helper_name' | 'contact' | 'status' | 'start_date' | 'end_date' | 'notes'>
  >,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('family_help_links')
    .set((eb) => ({ ...set, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', linkId)
    .execute();
}

/** Soft-deletes a member or a help link, keeping the typed reason with the row. */
export async function removeFamilyRow(
  trx: Transaction<DB>,
  table: 'family_members' | 'family_help_links',
  id: string,
  reason: string,
  at: Date,
): Promise<void> {
  const iso = at.toISOString();
  await trx
    .updateTable(table)
    .set((eb) => ({
      deleted_at: iso,
      deleted_reason: reason,
      updated_at: iso,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

/** A row of the family, or the not-found error of the family (the caller already sees the family). */
export function belongsTo<R extends { family_id: string }>(row: R | undefined, familyId: string): R {
  if (!row || row.family_id !== familyId) throw new DomainError('FAMILY_NOT_FOUND');
  return row;
}
