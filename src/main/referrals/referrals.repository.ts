import { sql, type Expression, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { AWAITING_REPLY_STATUSES, type ReferralStatus } from '../../shared/referrals';
import type { SessionUser } from '../../shared/users';
import { canSeeDvOf, caseVisibility, findVisibleCase, seesAllCases, type CaseRow } from '../cases';
import type { DB, Db } from '../db';
import type { NewReferralEventRow, NewReferralRow, ReferralEventRow, ReferralRow } from './referrals.table';

/*
 * The referrals' queries. One rule for who sees a referral: the case's visibility, and for a referral that
 * follows from a DV disclosure, DV rights (counsellor in charge, directors). One rule for overdue: still
 * waiting (created / sent) after the expected reply date.
 */

/** Who may see a referral row of a case they already see: a DV-linked one needs DV rights. */
function referralDvVisibility(user: SessionUser): Expression<SqlBool> {
  if (seesAllCases(user)) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(referrals.dv_disclosure_id IS NULL OR cases.counsellor_id = ${user.id})`;
}

/**
 * Every referral the user may see, joined to its case (`cases`), neither deleted. The referrals come first
 * (CROSS JOIN fixes SQLite's join order): each list walks a referrals index in its own order and looks up
 * each case by key — the case list's covering index (migration 0014) would otherwise tempt the planner to
 * start from the case and sort its referrals afterwards.
 */
export function visibleReferrals(db: Db, user: SessionUser) {
  return db
    .selectFrom('referrals')
    .crossJoin('cases')
    .whereRef('cases.id', '=', 'referrals.case_id')
    .where('referrals.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user))
    .where(referralDvVisibility(user));
}

type ReferralsQuery<O> = SelectQueryBuilder<DB, 'referrals' | 'cases', O>;

/** Narrows to referrals overdue on `today` (a range on referrals_status_reply). */
export function whereOverdue<O>(q: ReferralsQuery<O>, today: string): ReferralsQuery<O> {
  return q
    .where('referrals.status', 'in', [...AWAITING_REPLY_STATUSES])
    .where('referrals.expected_reply_date', '<', today);
}

/** The same rule as whereOverdue, for a row already read. */
export function isOverdue(row: Pick<ReferralRow, 'status' | 'expected_reply_date'>, today: string): boolean {
  return (
    (AWAITING_REPLY_STATUSES as readonly string[]).includes(row.status) && row.expected_reply_date < today
  );
}

/** What 'referrals.list' filters on. */
export interface ReferralListFilter {
  caseId?: string | undefined;
  overdueOnly?: boolean | undefined;
}

/** The referrals 'referrals.list' shows (no order, no paging): shared by the page and the count. */
export function filteredReferrals(db: Db, user: SessionUser, f: ReferralListFilter, today: string) {
  let q = visibleReferrals(db, user);
  if (f.caseId) q = q.where('referrals.case_id', '=', f.caseId);
  if (f.overdueOnly) q = whereOverdue(q, today);
  return q;
}

/** One page of them, newest first, with the case number. */
export function referralListPage(
  db: Db,
  user: SessionUser,
  f: ReferralListFilter & { page: number; pageSize: number },
  today: string,
) {
  return filteredReferrals(db, user, f, today)
    .selectAll('referrals')
    .select('cases.case_number')
    .orderBy('referrals.created_at', 'desc')
    .orderBy('referrals.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** A referral and its case, or REFERRAL_NOT_FOUND for anything the caller may not see. */
export async function findVisibleReferralOrThrow(
  db: Db,
  user: SessionUser,
  referralId: string,
): Promise<{ row: ReferralRow; caseRow: CaseRow }> {
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('id', '=', referralId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const caseRow = row ? await findVisibleCase(db, user, row.case_id) : undefined;
  if (!row || !caseRow || (row.dv_disclosure_id !== null && !canSeeDvOf(user, caseRow))) {
    throw new DomainError('REFERRAL_NOT_FOUND');
  }
  return { row, caseRow };
}

const SEQ_DIGITS = 5;

/** Reference numbers `ZJ-{year}-{seq 5}` count per desk and office-local year (the referrals_reference index). */
export async function nextReferenceNumber(
  trx: Transaction<DB>,
  deviceId: string,
  year: number,
): Promise<{ seq: number; reference: string }> {
  const row = await trx
    .selectFrom('referrals')
    .select((eb) => eb.fn.max('ref_seq').as('highest'))
    .where('origin_device', '=', deviceId)
    .where('ref_year', '=', year)
    .executeTakeFirst();
  const seq = (row?.highest ?? 0) + 1;
  return { seq, reference: `ZJ-${year}-${String(seq).padStart(SEQ_DIGITS, '0')}` };
}

export async function insertReferral(trx: Transaction<DB>, row: NewReferralRow): Promise<ReferralRow> {
  return trx.insertInto('referrals').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertReferralEvent(trx: Transaction<DB>, row: NewReferralEventRow): Promise<void> {
  await trx.insertInto('referral_events').values(row).execute();
}

/** Moves a referral from the status it was read with; undefined when it changed underneath. */
export async function moveReferralStatus(
  trx: Transaction<DB>,
  row: Pick<ReferralRow, 'id' | 'status'>,
  to: ReferralStatus,
  at: Date,
): Promise<ReferralRow | undefined> {
  return trx
    .updateTable('referrals')
    .set((eb) => ({ status: to, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .returningAll()
    .executeTakeFirst();
}

/** The date of a referral's latest step. */
export async function lastEventDate(db: Db, referralId: string): Promise<string | undefined> {
  const last = await db
    .selectFrom('referral_events')
    .select('date')
    .where('referral_id', '=', referralId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.date;
}

/** The steps of the given referrals, in the order they happened. */
export async function eventsOf(db: Db, referralIds: readonly string[]): Promise<ReferralEventRow[]> {
  if (referralIds.length === 0) return [];
  return db
    .selectFrom('referral_events')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .where('deleted_at', 'is', null)
    .orderBy('referral_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
