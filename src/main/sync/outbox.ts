import type { Transaction } from 'kysely';
import type { DB, Db } from '../db';
import type { OutboxOp, OutboxRow, SyncedTableName } from './sync.table';

/*
 * Reading the outbox that the capture triggers of migration 0005 fill. Nothing here writes a change:
 * the triggers do, in the same transaction as the write they record. The batcher takes pending changes
 * in seq order, bounded by count and bytes, and marks exactly the seqs of a batch delivered once the
 * county's receipt for it has verified.
 */

/** One captured change, as a batch body line carries it. */
export interface OutboxChange {
  seq: number;
  table: SyncedTableName;
  id: string;
  op: OutboxOp;
  version: number;
  changedAt: string;
  /** The payload exactly as captured: the whole row as a JSON object. */
  rowJson: string;
}

export interface PendingQuery {
  /** Only changes after this seq (the last seq of the batch sealed before); default 0. */
  afterSeq?: number;
  /** At most this many changes (≥ 1). */
  limit: number;
  /**
   * At most this many bytes of change lines (UTF-8, see changeLine) — except that the first change is
   * always returned, however large, so that one big row can never stall the outbox.
   */
  maxBytes: number;
}

/**
 * The change as one JSON line of a batch body (without the newline): the row embedded as an object,
 * spliced in verbatim (SQLite's json_object output is already valid JSON).
 */
export function changeLine(c: OutboxChange): string {
  const head = JSON.stringify({
    seq: c.seq,
    table: c.table,
    id: c.id,
    op: c.op,
    version: c.version,
    changedAt: c.changedAt,
  });
  return `${head.slice(0, -1)},"row":${c.rowJson}}`;
}

/** UTF-8 size of a change's line, which is what maxBytes bounds. */
export function changeBytes(c: OutboxChange): number {
  return Buffer.byteLength(changeLine(c), 'utf8');
}

/** The next pending changes in seq order, bounded by count and bytes. */
export async function pendingChanges(db: Db, q: PendingQuery): Promise<OutboxChange[]> {
  return (await pendingLines(db, q)).changes;
}

/** pendingChanges, with each change's line (changeLine) made once: the batcher needs both. */
export async function pendingLines(
  db: Db,
  q: PendingQuery,
): Promise<{ changes: OutboxChange[]; lines: string[] }> {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1) throw new RangeError('limit must be a positive integer');
  if (!(q.maxBytes > 0)) throw new RangeError('maxBytes must be positive');
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('delivered_batch', 'is', null)
    .where('seq', '>', q.afterSeq ?? 0)
    .orderBy('seq')
    .limit(q.limit)
    .execute();
  const changes: OutboxChange[] = [];
  const lines: string[] = [];
  let bytes = 0;
  for (const row of rows) {
    const change = toChange(row);
    const line = changeLine(change);
    bytes += Buffer.byteLength(line, 'utf8');
    if (changes.length > 0 && bytes > q.maxBytes) break;
    changes.push(change);
    lines.push(line);
  }
  return { changes, lines };
}

/** How many changes wait for delivery (the status page's "pending changes"). */
export async function pendingCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delivered_batch', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks the changes firstSeq..lastSeq delivered by `batch` (the local batch id), once its receipt has
 * verified; call it in the transaction that records the receipt. Returns how many were pending; the
 * caller compares it with the batch's count. Already delivered entries are left alone (a receipt
 * imported twice changes nothing).
 */
export async function markDelivered(
  trx: Transaction<DB>,
  range: { firstSeq: number; lastSeq: number; batch: number },
): Promise<number> {
  const result = await trx
    .updateTable('outbox')
    .set({ delivered_batch: range.batch })
    .where('delivered_batch', 'is', null)
    .where('seq', '>=', range.firstSeq)
    .where('seq', '<=', range.lastSeq)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Removes delivered entries up to and including `throughSeq` (the database refuses to remove pending
 * ones). Seqs are never reused, so pruning does not disturb numbering. Returns how many were removed.
 */
export async function pruneDelivered(db: Db, throughSeq: number): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where('delivered_batch', 'is not', null)
    .where('seq', '<=', throughSeq)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toChange(row: OutboxRow): OutboxChange {
  return {
    seq: row.seq,
    table: row.table_name,
    id: row.row_id,
    op: row.op,
    version: row.row_version,
    changedAt: row.changed_at,
    rowJson: row.payload,
  };
}
