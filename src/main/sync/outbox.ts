import { sql, type Transaction } from 'kysely';
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
  return `${changeLineHead(c)}${c.rowJson}}`;
}

/** changeLine without the row and the closing brace: `{"seq":…,"changedAt":"…","row":`. */
function changeLineHead(c: Omit<OutboxChange, 'rowJson'>): string {
  const head = JSON.stringify({
    seq: c.seq,
    table: c.table,
    id: c.id,
    op: c.op,
    version: c.version,
    changedAt: c.changedAt,
  });
  return `${head.slice(0, -1)},"row":`;
}

/** UTF-8 size of a change's line, which is what maxBytes bounds. */
export function changeBytes(c: OutboxChange): number {
  return Buffer.byteLength(changeLine(c), 'utf8');
}

/** The next pending changes in seq order, bounded by count and bytes (pendingBody seals them). */
export async function pendingChanges(db: Db, q: PendingQuery): Promise<OutboxChange[]> {
  checkQuery(q);
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('delivered_batch', 'is', null)
    .where('seq', '>', q.afterSeq ?? 0)
    .orderBy('seq')
    .limit(q.limit)
    .execute();
  const changes: OutboxChange[] = [];
  let bytes = 0;
  for (const row of rows) {
    const change = toChange(row);
    bytes += changeBytes(change);
    if (changes.length > 0 && bytes > q.maxBytes) break;
    changes.push(change);
  }
  return changes;
}

export interface PendingBody {
  firstSeq: number;
  lastSeq: number;
  count: number;
  /** The batch body before compression: one changeLine per change, each ended by '\n' (UTF-8). */
  body: Buffer;
}

/**
 * The next pending changes (bounded as pendingChanges is) straight into a batch body, or null when none
 * waits. The rows come out of SQLite as their UTF-8 bytes (CAST … AS BLOB) and are copied into the body
 * as they are: the same bytes as joining the changeLines, without making a JavaScript string of each row
 * and encoding it back (the larger part of sealing a batch otherwise).
 */
export async function pendingBody(db: Db, q: PendingQuery): Promise<PendingBody | null> {
  checkQuery(q);
  const rows = await db
    .selectFrom('outbox')
    .select(['seq', 'table_name', 'row_id', 'op', 'row_version', 'changed_at'])
    .select(sql<Buffer>`CAST(payload AS BLOB)`.as('payload'))
    .where('delivered_batch', 'is', null)
    .where('seq', '>', q.afterSeq ?? 0)
    .orderBy('seq')
    .limit(q.limit)
    .execute();
  const heads: string[] = [];
  let lineBytes = 0;
  let bodyBytes = 0;
  for (const row of rows) {
    const head = changeLineHead({
      seq: row.seq,
      table: row.table_name,
      id: row.row_id,
      op: row.op,
      version: row.row_version,
      changedAt: row.changed_at,
    });
    const size = Buffer.byteLength(head, 'utf8') + row.payload.length + 1;
    lineBytes += size;
    if (heads.length > 0 && lineBytes > q.maxBytes) break;
    heads.push(head);
    bodyBytes += size + 1;
  }
  const first = rows[0];
  const last = rows[heads.length - 1];
  if (!first || !last) return null;
  const body = Buffer.allocUnsafe(bodyBytes);
  let at = 0;
  heads.forEach((head, i) => {
    at += body.write(head, at, 'utf8');
    at += (rows[i] as { payload: Buffer }).payload.copy(body, at);
    at = body.writeUInt8(0x7d, at); // }
    at = body.writeUInt8(0x0a, at); // \n
  });
  return { firstSeq: first.seq, lastSeq: last.seq, count: heads.length, body };
}

function checkQuery(q: PendingQuery): void {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1) throw new RangeError('limit must be a positive integer');
  if (!(q.maxBytes > 0)) throw new RangeError('maxBytes must be positive');
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
