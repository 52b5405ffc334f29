import { DomainError } from '../../shared/errors';
import { validationMessages } from '../../shared/i18n';
import type { ChannelParsed } from '../../shared/contract';
import { can } from '../../shared/roles';
import { daysBetween, localDateAt } from '../../shared/calendar';
import type { SupervisionItem, SupervisionStatus } from '../../shared/supervision';
import type { SessionUser } from '../../shared/users';
import { uuidv7, type DeskContext, userRef, type Db, newSyncedRow } from '../desk';
import type { SupervisionItemRow } from './supervision.table';
import { appendAudit, actorOf } from '../audit';
import {
  caseVisibility,
  findVisibleCase,
  findVisibleCaseOrThrow,
  displayNames,
  setCaseCounsellor,
} from '../cases';

/*
 * Supervision items (三办): 交办 assign, 转办 transfer, 督办 supervise.
 * - Directors ('cases.supervise') create and cancel any; a counsellor may transfer (and cancel their
 *   transfer of) a case they are in charge of. Anything else is FORBIDDEN.
 * - Assign, and a transfer to a user, make that user the case's counsellor in charge in the same
 *   transaction (the previous one loses access unless they accompany the case); cancelling the item
 *   later does not undo that — a new assign does.
 * - complete: the addressee, the creator or a director. Closed items answer INVALID_TRANSITION.
 * - Directors see every open item; a counsellor the items addressed to them.
 * An item whose case the caller may not see, and that is neither addressed to nor made by them, is
 * SUPERVISION_NOT_FOUND.
 */

export type SupervisionRowWithCase = SupervisionItemRow & { case_number: string };

/** Overdue first, then by due date (none last), then oldest first. */
export function compareItems(today: string) {
  return (a: Pick<SupervisionItemRow, 'status' | 'due_date' | 'created_at'>, b: typeof a): number => {
    const overdue = (r: typeof a) =>
      r.status === 'open' && r.due_date !== null && r.due_date < today ? 0 : 1;
    const o = overdue(a) - overdue(b);
    if (o !== 0) return o;
    if (a.due_date !== b.due_date) {
      if (a.due_date === null) return 1;
      if (b.due_date === null) return -1;
      return a.due_date < b.due_date ? -1 : 1;
    }
    return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0;
  };
}

export function itemTiming(row: Pick<SupervisionItemRow, 'status' | 'due_date'>, today: string) {
  const daysLeft = row.due_date === null ? null : daysBetween(today, row.due_date);
  return { overdue: row.status === 'open' && daysLeft !== null && daysLeft < 0, daysLeft };
}

async function toItems(
  db: Db,
  rows: readonly SupervisionRowWithCase[],
  today: string,
): Promise<SupervisionItem[]> {
  const ids = rows.flatMap((r) => [r.created_by, r.to_user_id, r.from_user_id, r.closed_by]);
  const names = await displayNames(
    db,
    ids.filter((id): id is string => id !== null),
  );
  const ref = (id: string | null) => (id === null ? null : userRef(names, id));
  return [...rows].sort(compareItems(today)).map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    caseNumber: r.case_number,
    toUser: ref(r.to_user_id),
    toStation: r.to_station,
    fromUser: ref(r.from_user_id),
    dueDate: r.due_date,
    instructions: r.instructions,
    status: r.status,
    ...itemTiming(r, today),
    createdBy: userRef(names, r.created_by),
    createdAt: r.created_at,
    closedBy: ref(r.closed_by),
    closedAt: r.closed_at,
    closeNote: r.close_note,
    version: r.version,
  }));
}

function itemsWithCase(db: Db) {
  return db
    .selectFrom('supervision_items')
    .innerJoin('cases', 'cases.id', 'supervision_items.case_id')
    .selectAll('supervision_items')
    .select('cases.case_number')
    .where('supervision_items.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null);
}

/** 'supervision.list'. */
export async function listSupervision(
  ctx: DeskContext,
  input: ChannelParsed<'supervision.list'>,
): Promise<SupervisionItem[]> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const today = localDateAt(ctx.clock.now());
  let q = itemsWithCase(db);
  switch (input.scope) {
    case 'mine':
      q = q
        .where('supervision_items.to_user_id', '=', open.user.id)
        .where('supervision_items.status', '=', 'open')
        .where(caseVisibility(open.user));
      break;
    case 'all_open':
      if (!can(open.user.role, 'cases.supervise')) throw new DomainError('FORBIDDEN');
      q = q.where('supervision_items.status', '=', 'open');
      break;
    case 'case': {
      // The schema requires caseId with scope 'case'.
      const caseRow = await findVisibleCaseOrThrow(db, open.user, input.caseId ?? '');
      q = q.where('supervision_items.case_id', '=', caseRow.id);
      break;
    }
  }
  return toItems(db, await q.limit(1000).execute(), today);
}

/** The addressee must be an active counsellor or director, other than the one already in charge. */
async function checkAddressee(
  db: Db,
  toUserId: string,
  currentCounsellor: string,
  changesCounsellor: boolean,
  ctx: DeskContext,
): Promise<void> {
  const u = await db
    .selectFrom('users')
    .select(['role'])
    .where('id', '=', toUserId)
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const fits = u && (u.role === 'counsellor' || u.role === 'director');
  if (!fits || (changesCounsellor && toUserId === currentCounsellor)) {
    throw new DomainError('VALIDATION', {}, { toUserId: validationMessages[ctx.prefs.language].notAllowed });
  }
}

export async function createSupervision(
  ctx: DeskContext,
  input: ChannelParsed<'supervision.create'>,
): Promise<SupervisionItem> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const user = open.user;
  const caseRow = await findVisibleCaseOrThrow(db, user, input.caseId);
  const director = can(user.role, 'cases.supervise');
  const allowed = director || (input.kind === 'transfer' && caseRow.counsellor_id === user.id);
  if (!allowed) throw new DomainError('FORBIDDEN');

  const now = ctx.clock.now();
  const today = localDateAt(now);
  if (input.dueDate && input.dueDate < today) {
    throw new DomainError('VALIDATION', {}, { dueDate: validationMessages[ctx.prefs.language].invalid });
  }
  // 督办 is addressed to the counsellor in charge unless the director names someone.
  const toUserId = input.kind === 'supervise' ? (input.toUserId ?? caseRow.counsellor_id) : input.toUserId;
  const changesCounsellor = input.kind !== 'supervise' && toUserId !== null;
  if (toUserId) await checkAddressee(db, toUserId, caseRow.counsellor_id, changesCounsellor, ctx);

  const at = now.toISOString();
  const id = uuidv7(now);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('supervision_items')
      .values({
        id,
        case_id: caseRow.id,
        kind: input.kind,
        to_user_id: toUserId,
        to_station: input.kind === 'transfer' ? input.toStation : null,
        from_user_id: changesCounsellor ? caseRow.counsellor_id : null,
        due_date: input.dueDate,
        instructions: input.instructions,
        status: 'open',
        created_by: user.id,
        closed_by: null,
        closed_at: null,
        close_note: null,
        ...newSyncedRow(open.deviceId, at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (changesCounsellor && toUserId) await setCaseCounsellor(trx, caseRow.id, toUserId, now);
    await appendAudit(
      trx,
      {
        ...actorOf(user),
        action: 'supervision.created',
        targetType: 'supervision',
        targetId: id,
        detail: {
          caseId: caseRow.id,
          kind: input.kind,
          toUserId,
          toStation: input.kind === 'transfer' && input.toStation !== null,
          dueDate: input.dueDate,
          counsellorChanged: changesCounsellor,
          fromCounsellorId: changesCounsellor ? caseRow.counsellor_id : null,
        },
      },
      now,
    );
    return inserted;
  });
  return (await toItems(db, [{ ...row, case_number: caseRow.case_number }], today))[0] as SupervisionItem;
}

async function findItemOrThrow(db: Db, user: SessionUser, itemId: string): Promise<SupervisionRowWithCase> {
  const row = await itemsWithCase(db).where('supervision_items.id', '=', itemId).executeTakeFirst();
  if (!row) throw new DomainError('SUPERVISION_NOT_FOUND');
  const involved = row.to_user_id === user.id || row.created_by === user.id;
  if (!involved && !(await findVisibleCase(db, user, row.case_id)))
    throw new DomainError('SUPERVISION_NOT_FOUND');
  return row;
}

async function closeItem(
  ctx: DeskContext,
  input: ChannelParsed<'supervision.complete'>,
  to: Exclude<SupervisionStatus, 'open'>,
): Promise<SupervisionItem> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const user = open.user;
  const row = await findItemOrThrow(db, user, input.itemId);
  const director = can(user.role, 'cases.supervise');
  const allowed =
    to === 'done'
      ? director || row.to_user_id === user.id || row.created_by === user.id
      : director || (row.kind === 'transfer' && row.created_by === user.id);
  if (!allowed) throw new DomainError('FORBIDDEN');
  if (row.status !== 'open') throw new DomainError('INVALID_TRANSITION', { from: row.status, to });

  const now = ctx.clock.now();
  const at = now.toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('supervision_items')
      .set((eb) => ({
        status: to,
        closed_by: user.id,
        closed_at: at,
        close_note: input.note,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!u) throw new DomainError('INVALID_TRANSITION', { from: row.status, to });
    await appendAudit(
      trx,
      {
        ...actorOf(user),
        action: to === 'done' ? 'supervision.completed' : 'supervision.cancelled',
        targetType: 'supervision',
        targetId: row.id,
        detail: { caseId: row.case_id, kind: row.kind },
      },
      now,
    );
    return u;
  });
  return (
    await toItems(db, [{ ...updated, case_number: row.case_number }], localDateAt(now))
  )[0] as SupervisionItem;
}

export const completeSupervision = (ctx: DeskContext, input: ChannelParsed<'supervision.complete'>) =>
  closeItem(ctx, input, 'done');

export const cancelSupervision = (ctx: DeskContext, input: ChannelParsed<'supervision.cancel'>) =>
  closeItem(ctx, input, 'cancelled');
