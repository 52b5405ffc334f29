import { daysBetween, localDateAt } from '../../shared/calendar';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import { can } from '../../shared/roles';
import type { SupervisionItem, SupervisionStatus } from '../../shared/supervision';
import { actorOf, appendAudit } from '../audit';
import { findVisibleCaseOrThrow, setCaseCounsellor } from '../cases';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type DeskCall, type WriteCall } from '../desk';
import { activeRole, displayNames, userRef } from '../users';
import {
  closeItemRow,
  findItemOrThrow,
  insertItem,
  supervisionListQuery,
  type SupervisionRowWithCase,
} from './supervision.repository';
import type { SupervisionItemRow } from './supervision.table';

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

/** 'supervision.list'. */
export async function listSupervision(
  call: DeskCall,
  input: ChannelParsed<'supervision.list'>,
): Promise<SupervisionItem[]> {
  const { db, user } = call;
  let q;
  switch (input.scope) {
    case 'mine':
      q = supervisionListQuery(db, user, { kind: 'mine' });
      break;
    case 'all_open':
      if (!can(user.role, 'cases.supervise')) throw new DomainError('FORBIDDEN');
      q = supervisionListQuery(db, user, { kind: 'all_open' });
      break;
    case 'case': {
      // The schema requires caseId with scope 'case'.
      const caseRow = await findVisibleCaseOrThrow(db, user, input.caseId ?? '');
      q = supervisionListQuery(db, user, { kind: 'case', caseId: caseRow.id });
      break;
    }
  }
  return toItems(db, await q.limit(1000).execute(), localDateAt(call.now));
}

/** The addressee must be an active counsellor or director, other than the one already in charge. */
async function checkAddressee(
  db: Db,
  toUserId: string,
  currentCounsellor: string,
  changesCounsellor: boolean,
): Promise<void> {
  const role = await activeRole(db, toUserId);
  const fits = role === 'counsellor' || role === 'director';
  if (!fits || (changesCounsellor && toUserId === currentCounsellor))
    throw invalidFields({ toUserId: 'notAllowed' });
}

export async function createSupervision(
  call: WriteCall,
  input: ChannelParsed<'supervision.create'>,
): Promise<SupervisionItem> {
  const { db, user, now } = call;
  const caseRow = await findVisibleCaseOrThrow(db, user, input.caseId);
  const director = can(user.role, 'cases.supervise');
  const allowed = director || (input.kind === 'transfer' && caseRow.counsellor_id === user.id);
  if (!allowed) throw new DomainError('FORBIDDEN');

  const today = localDateAt(now);
  if (input.dueDate && input.dueDate < today) throw invalidFields({ dueDate: 'invalid' });
  // 督办 is addressed to the counsellor in charge unless the director names someone.
  const toUserId = input.kind === 'supervise' ? (input.toUserId ?? caseRow.counsellor_id) : input.toUserId;
  const changesCounsellor = input.kind !== 'supervise' && toUserId !== null;
  if (toUserId) await checkAddressee(db, toUserId, caseRow.counsellor_id, changesCounsellor);

  const id = uuidv7(now);
  const row = await insertItem(db, {
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
    ...newSyncedRow(call.open.deviceId, now.toISOString()),
  });
  if (changesCounsellor && toUserId) await setCaseCounsellor(call, caseRow.id, toUserId);
  await appendAudit(
    db,
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
  return (await toItems(db, [{ ...row, case_number: caseRow.case_number }], today))[0] as SupervisionItem;
}

async function closeItem(
  call: WriteCall,
  input: ChannelParsed<'supervision.complete'>,
  to: Exclude<SupervisionStatus, 'open'>,
): Promise<SupervisionItem> {
  const { db, user, now } = call;
  const row = await findItemOrThrow(db, user, input.itemId);
  const director = can(user.role, 'cases.supervise');
  const allowed =
    to === 'done'
      ? director || row.to_user_id === user.id || row.created_by === user.id
      : director || (row.kind === 'transfer' && row.created_by === user.id);
  if (!allowed) throw new DomainError('FORBIDDEN');
  if (row.status !== 'open') throw new DomainError('INVALID_TRANSITION', { from: row.status, to });

  const updated = await closeItemRow(db, row.id, to, user.id, input.note, now);
  if (!updated) throw new DomainError('INVALID_TRANSITION', { from: row.status, to });
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: to === 'done' ? 'supervision.completed' : 'supervision.cancelled',
      targetType: 'supervision',
      targetId: row.id,
      detail: { caseId: row.case_id, kind: row.kind },
    },
    now,
  );
  return (
    await toItems(db, [{ ...updated, case_number: row.case_number }], localDateAt(now))
  )[0] as SupervisionItem;
}

export const completeSupervision = (call: WriteCall, input: ChannelParsed<'supervision.complete'>) =>
  closeItem(call, input, 'done');

export const cancelSupervision = (call: WriteCall, input: ChannelParsed<'supervision.cancel'>) =>
  closeItem(call, input, 'cancelled');
