import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../../shared/users';
import type { DB, Db } from '../db';
import type { DeskContext } from './context';
import type { OpenDesk } from './session';

/*
 * One contract call as a handler and its services see it (built by the dispatcher, src/main/dispatcher). A write
 * is one transaction opened at the edge: on a channel marked `write`, `db` IS that transaction, and
 * everything the call writes commits or rolls back together. Services and repositories take the store
 * from here, never from the session (a query on the store itself while the call's transaction holds the
 * single connection would wait forever).
 */

/** A call that needs no signed-in user (status, setup, sign-in, recovery). */
export interface PublicCall {
  readonly ctx: DeskContext;
}

export interface DeskCall<D extends Db = Db> {
  readonly ctx: DeskContext;
  /** The desk as this user opened it: settings, device id, the key for new key slots. */
  readonly open: OpenDesk;
  readonly user: SessionUser;
  /** The store; on a write channel, the call's one transaction. */
  readonly db: D;
  /** One instant for the whole call, so every date and timestamp it writes agrees. */
  readonly now: Date;
  /** Runs `effect` once the call's writes have committed (in-memory state that must follow the store). */
  afterCommit(effect: () => void): void;
}

/** A call on a read channel: the store itself (a handler that writes opens its own short transaction). */
export type ReadCall = DeskCall<Kysely<DB>>;

/** A call on a write channel: the dispatcher's transaction. */
export type WriteCall = DeskCall<Transaction<DB>>;

/**
 * Runs one call on the open desk: `work` is given the call (inside ONE transaction when `write`), then the
 * effects it asked for run once its writes have committed. The dispatcher runs every signed-in channel
 * through here; a public channel that also acts on an open desk (the language) does too.
 */
export function runDeskCall<T>(
  ctx: DeskContext,
  open: OpenDesk,
  write: true,
  work: (call: WriteCall) => Promise<T>,
): Promise<T>;
export function runDeskCall<T>(
  ctx: DeskContext,
  open: OpenDesk,
  write: boolean,
  work: (call: DeskCall) => Promise<T>,
): Promise<T>;
export async function runDeskCall<T>(
  ctx: DeskContext,
  open: OpenDesk,
  write: boolean,
  work: (call: WriteCall) => Promise<T>,
): Promise<T> {
  const effects: (() => void)[] = [];
  const call = {
    ctx,
    open,
    user: open.user,
    now: ctx.clock.now(),
    afterCommit: (effect: () => void) => void effects.push(effect),
  };
  // A read call's `db` is the store itself; its work is typed for DeskCall by the second overload.
  const value = write
    ? await open.store.db.transaction().execute((trx) => work({ ...call, db: trx }))
    : await (work as (call: DeskCall) => Promise<T>)({ ...call, db: open.store.db });
  for (const effect of effects) effect();
  return value;
}

/**
 * Runs `work` in one transaction on the call's store, for a handler whose channel is not `write` because
 * it also touches files, the network or the printer: the database work commits here, and the slow work
 * happens before or after it, never inside.
 */
export function inTransaction<T>(call: ReadCall, work: (call: WriteCall) => Promise<T>): Promise<T> {
  return call.db.transaction().execute((trx) => work({ ...call, db: trx }));
}
