import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import { DomainError } from '../../shared/errors';
import { can } from '../../shared/roles';
import type { SupervisionStatus } from '../../shared/supervision';
import type { SessionUser } from '../../shared/users';
import { caseVisibility, findVisibleCase } from '../cases';
import type { DB, Db } from '../db';
import type { NewSupervisionItemRow, SupervisionItemRow } from './supervision.table';

/* The supervision items' queries (交办 / 转办 / 督办), each joined to its case's number. */

export type SupervisionRowWithCase = SupervisionItemRow & { case_number: string };

/** Items with their case number, neither deleted. */
export function itemsWithCase(db: Db) {
  return db
    .selectFrom('supervision_items')
    .innerJoin('cases', 'cases.id', 'supervision_items.case_id')
    .selectAll('supervision_items')
    .select('cases.case_number')
    .where('supervision_items.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null);
}

/**
 * What 'supervision.list' shows for a scope: 'mine' — open items addressed to the user on cases they see;
 * 'all_open' — every open item (the caller checks the director's permission); 'case' — every item of a case
 * the caller has been shown to see.
 */
export function supervisionListQuery(
  db: Db,
  user: SessionUser,
  scope: { kind: 'mine' } | { kind: 'all_open' } | { kind: 'case'; caseId: string },
) {
  const q = itemsWithCase(db);
  switch (scope.kind) {
    case 'mine':
      return q
        .where('supervision_items.to_user_id', '=', user.id)
        .where('supervision_items.status', '=', 'open')
        .where(caseVisibility(user));
    case 'all_open':
      return q.where('supervision_items.status', '=', 'open');
    case 'case':
      return q.where('supervision_items.case_id', '=', scope.caseId);
  }
}

/**
 * The open items a user is shown: directors ('cases.supervise') every open item (supervision_items_status_due),
 * others the open items addressed to them on cases they see (supervision_items_to_user).
 */
export function openItemsFor(db: Db, user: SessionUser) {
  const q = itemsWithCase(db).where('supervision_items.status', '=', 'open');
  return can(user.role, 'cases.supervise')
    ? q
    : q.where('supervision_items.to_user_id', '=', user.id).where(caseVisibility(user));
}

/** Soonest due first (overdue ones are the soonest), items without a due date last. */
export function orderByDue<Q extends ReturnType<typeof itemsWithCase>>(q: Q): Q {
  return q.orderBy(sql`supervision_items.due_date IS NULL`).orderBy('supervision_items.due_date') as Q;
}

/** An item the user is involved in (addressee, creator) or whose case they see; else SUPERVISION_NOT_FOUND. */
export async function findItemOrThrow(
  db: Db,
  user: SessionUser,
  itemId: string,
): Promise<SupervisionRowWithCase> {
  const row = await itemsWithCase(db).where('supervision_items.id', '=', itemId).executeTakeFirst();
  if (!row) throw new DomainError('SUPERVISION_NOT_FOUND');
  const involved = row.to_user_id === user.id || row.created_by === user.id;
  if (!involved && !(await findVisibleCase(db, user, row.case_id)))
    throw new DomainError('SUPERVISION_NOT_FOUND');
  return row;
}

export async function insertItem(
  trx: Transaction<DB>,
  row: NewSupervisionItemRow,
): Promise<SupervisionItemRow> {
  return trx.insertInto('supervision_items').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Closes an open item; undefined when it was closed underneath. */
export async function closeItemRow(
  trx: Transaction<DB>,
  itemId: string,
  to: Exclude<SupervisionStatus, 'open'>,
  by: string,
  note: string | null,
  at: Date,
): Promise<SupervisionItemRow | undefined> {
  const iso = at.toISOString();
  return trx
    .updateTable('supervision_items')
    .set((eb) => ({
      status: to,
      closed_by: by,
      closed_at: iso,
      close_note: note,
      updated_at: iso,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}
