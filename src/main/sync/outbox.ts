import { sql, type Transaction } from 'kysely';
import type { DB, Db } from '../db';
import type { OutboxOp, OutboxRow, SyncedTableName } from './sync.table';

/*
 * Reading the outbox that the capture triggers of migration 0005 fill. Nothing here writes a change:
 * the triggers do, in the same transaction as the write they record. The batcher takes pending changes
 * in seq order, bounded by count and bytes; once the county's receipt for a batch has verified, the batch's
 * entries are removed by their seq range in the transaction that records the receipt (migration 0015), so
 * the outbox holds exactly the changes that wait for delivery.
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
 * waits. SQLite writes the lines itself — the head of changeLine from the entry's columns (json_quote,
 * which quotes plain text exactly as JSON.stringify does), the row's JSON as stored, '}' and '\n' — and
 * hands back the whole body as one buffer: no JavaScript object, string or buffer per change (those made
 * most of sealing's time and, uncollected between batches, much of the desk's memory during a sync).
 * First the next `limit` entries whole, in one aggregate without a window (the usual case: they fit in
 * maxBytes); only when they do not is the cut found with a running sum (a window function, which copies
 * and sorts every line once more — measured at about half of this query's time, so kept off the usual
 * path). A batch whose ids or times need escaping (never written by the desk, but possible in principle)
 * is read row by row instead, with the same result.
 */
export async function pendingBody(db: Db, q: PendingQuery): Promise<PendingBody | null> {
  checkQuery(q);
  const whole = await sql<BodyRow & { bytes: number | null }>`
    WITH next AS (${nextLines(q)})
    SELECT MIN(seq) AS first, MAX(seq) AS last, COUNT(*) AS count, MIN(plain) AS plain,
      SUM(octet_length(line)) AS bytes,
      CAST(group_concat(line || char(10), '' ORDER BY seq) AS BLOB) AS body
    FROM next`.execute(db);
  const row = whole.rows[0];
  if (!row || row.first === null) return null;
  if (row.plain !== 1) return pendingBodyByRows(db, q);
  if (Number(row.bytes) <= q.maxBytes || Number(row.count) === 1) return toBody(row);
  const cut = await sql<BodyRow>`
    WITH next AS (${nextLines(q)}), sized AS (
      SELECT seq, line,
        SUM(octet_length(line)) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS upto,
        row_number() OVER (ORDER BY seq) AS n
      FROM next
    )
    SELECT MIN(seq) AS first, MAX(seq) AS last, COUNT(*) AS count, 1 AS plain,
      CAST(group_concat(line || char(10), '' ORDER BY seq) AS BLOB) AS body
    FROM sized WHERE n = 1 OR upto <= ${q.maxBytes}`.execute(db);
  const first = cut.rows[0];
  return first && first.first !== null ? toBody(first) : null;
}

interface BodyRow {
  first: number | null;
  last: number | null;
  count: number;
  plain: number | null;
  body: Buffer | null;
}

/** The next `limit` entries after afterSeq as change lines (see pendingBody), and whether each is plain. */
function nextLines(q: PendingQuery) {
  return sql`SELECT seq,
      '{"seq":' || seq || ',"table":' || json_quote(table_name) || ',"id":' || json_quote(row_id)
        || ',"op":' || json_quote(op) || ',"version":' || row_version
        || ',"changedAt":' || json_quote(changed_at) || ',"row":' || payload || '}' AS line,
      json_quote(table_name) = '"' || table_name || '"' AND json_quote(row_id) = '"' || row_id || '"'
        AND json_quote(changed_at) = '"' || changed_at || '"' AS plain
    FROM outbox WHERE seq > ${q.afterSeq ?? 0} ORDER BY seq LIMIT ${q.limit}`;
}

function toBody(row: BodyRow): PendingBody | null {
  if (row.first === null || row.last === null || !row.body) return null;
  return { firstSeq: row.first, lastSeq: row.last, count: Number(row.count), body: row.body };
}

/** pendingBody row by row in JavaScript: the same bytes, for text that needs JSON escaping. */
async function pendingBodyByRows(db: Db, q: PendingQuery): Promise<PendingBody | null> {
  const rows = await db
    .selectFrom('outbox')
    .select(['seq', 'table_name', 'row_id', 'op', 'row_version', 'changed_at'])
    .select(sql<Buffer>`CAST(payload AS BLOB)`.as('payload'))
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

/**
 * How many changes wait for delivery (the status page's "pending changes", the sidebar badge): every
 * outbox entry is pending, and the triggers of migration 0016 keep their number in one row.
 */
export async function pendingCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox_pending_count')
    .select('pending')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.pending;
}

/**
 * Removes the entries firstSeq..lastSeq of a batch whose receipt has verified: call it in the transaction
 * that marks the batch delivered (the database refuses to remove an entry outside a delivered batch).
 * One range of the primary key, no row rewritten first. Returns how many went; the caller compares it with
 * the batch's count (entries inside a sealed batch never change, so all of them are still there).
 */
export async function removeDelivered(
  trx: Transaction<DB>,
  range: { firstSeq: number; lastSeq: number },
): Promise<number> {
  const result = await trx
    .deleteFrom('outbox')
    .where('seq', '>=', range.firstSeq)
    .where('seq', '<=', range.lastSeq)
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
