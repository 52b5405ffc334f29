import { isUtf8 } from 'node:buffer';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { gunzipOneMember } from './strict-gzip';
import {
  assertSyncedTables,
  isSyncFormatError,
  openBatch,
  parseEnvelope,
  readChangeLines,
  SyncFormatError,
  type ChangeRecord,
} from '../../shared/sync';
import { logFailure } from '../../shared/failure';
import type { CountyKeys } from '../county';
import type { CountyDB, CountyStore, RowCodec } from '../store';

/*
 * Ingest: applies stored envelopes to county_rows, exactly once, in order. Per device, per epoch ascending,
 * the envelopes after ingest_progress.last_seq are opened with the county key, gunzipped and parsed
 * (outside any transaction: slow work must not hold the database), then applied in ONE transaction that
 * also advances last_seq — a crash rolls the whole batch back and the next pass applies it again.
 *
 * The transaction claims its batch with a conditional update (last_seq = seq − 1 → seq): on PostgreSQL a
 * second ingesting process (serve and import at once) blocks on that row and then finds nothing to claim,
 * so even two processes apply each batch once. Epochs: once a later epoch of a device has applied a batch,
 * an earlier epoch is 'superseded' (a restored backup re-sent its changes in the new epoch) and nothing
 * more of it is applied. A stored batch that will not open or parse, or that holds a change of a table
 * the county does not know (UNKNOWN_TABLE), is 'blocked' with its error code; that device then waits for
 * an operator, the other devices go on. Row content is never logged.
 */

export interface IngestSummary {
  /** Batches applied by this pass. */
  batches: number;
  /** Change lines in those batches. */
  changes: number;
  /** Device epochs this pass found a batch in that will not open or parse (now 'blocked'). */
  blocked: number;
}

export interface IngestOptions {
  now?: () => Date;
  /** Checked before each batch; false stops the pass early (a server shutting down). */
  shouldContinue?: () => boolean;
  /** Fault tests only: runs inside a batch's transaction after its rows are written, before commit. */
  beforeCommit?: (batch: { device: string; epoch: number; seq: number }) => void | Promise<void>;
}

/** More than any real batch inflates to; a larger body is refused rather than exhausting memory. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** Rows per multi-row upsert: 10 parameters each, well inside both dialects' limits. */
const UPSERT_CHUNK = 500;

type Db = Kysely<CountyDB> | Transaction<CountyDB>;

interface Work {
  device: string;
  epoch: number;
  maxSeq: number;
}

/** Applies every stored batch that can be applied now; see the file comment. */
export async function ingestPending(
  store: CountyStore,
  keys: CountyKeys,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { batches: 0, changes: 0, blocked: 0 };
  const byDevice = new Map<string, Work[]>();
  for (const work of await pendingWork(store.db)) {
    byDevice.set(work.device, [...(byDevice.get(work.device) ?? []), work]);
  }
  for (const [device, epochs] of byDevice) {
    if (await deviceBlocked(store.db, device)) continue;
    for (const work of epochs.sort((a, b) => a.epoch - b.epoch)) {
      const outcome = await ingestEpoch(store, keys, work, options, summary);
      if (outcome === 'blocked' || outcome === 'stopped') break;
    }
    if (options.shouldContinue && !options.shouldContinue()) break;
  }
  return summary;
}

/** (device, epoch) pairs with stored envelopes not yet applied (or judged), and their highest seq. */
async function pendingWork(db: Db): Promise<Work[]> {
  const stored = await db
    .selectFrom('envelopes')
    .select(['device', 'epoch', (eb) => eb.fn.max('seq').as('max_seq')])
    .groupBy(['device', 'epoch'])
    .orderBy('device')
    .execute();
  const progress = await db
    .selectFrom('ingest_progress')
    .select(['device', 'epoch', 'last_seq', 'status'])
    .execute();
  const done = new Map(progress.map((p) => [`${p.device}/${Number(p.epoch)}`, p]));
  return stored
    .map((row) => ({ device: row.device, epoch: Number(row.epoch), maxSeq: Number(row.max_seq) }))
    .filter((work) => {
      const p = done.get(`${work.device}/${work.epoch}`);
      return !p || (p.status === 'active' && Number(p.last_seq) < work.maxSeq);
    });
}

async function deviceBlocked(db: Db, device: string): Promise<boolean> {
  const row = await db
    .selectFrom('ingest_progress')
    .select('epoch')
    .where('device', '=', device)
    .where('status', '=', 'blocked')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The operator's way out of 'blocked' (`county unblock`): after the cause was dealt with (a damaged stored
 * envelope restored from a backup, a fixed server), the device's blocked epochs become active again and
 * the next ingest pass retries them from where they stopped; a batch that still will not open blocks again.
 * Returns how many epochs were unblocked.
 */
export async function unblockDevice(
  store: CountyStore,
  device: string,
  now: Date = new Date(),
): Promise<number> {
  const result = await store.db
    .updateTable('ingest_progress')
    .set({ status: 'active', reason: null, updated_at: now.toISOString() })
    .where('device', '=', device)
    .where('status', '=', 'blocked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

type EpochOutcome = 'done' | 'superseded' | 'blocked' | 'stopped';

async function ingestEpoch(
  store: CountyStore,
  keys: CountyKeys,
  work: Work,
  options: IngestOptions,
  summary: IngestSummary,
): Promise<EpochOutcome> {
  const { db } = store;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const { device, epoch } = work;
  await db
    .insertInto('ingest_progress')
    .values({ device, epoch, last_seq: 0, status: 'active', reason: null, updated_at: now() })
    .onConflict((oc) => oc.columns(['device', 'epoch']).doNothing())
    .execute();
  for (;;) {
    // The SQLite driver answers synchronously, so without this a pass would keep the event loop to itself
    // until every pending batch is applied: uploads (and their receipts) wait behind ingest. One turn per
    // batch lets a waiting upload be stored and answered between batches.
    await nextTurn();
    if (options.shouldContinue && !options.shouldContinue()) return 'stopped';
    const progress = await db
      .selectFrom('ingest_progress')
      .select(['last_seq', 'status'])
      .where('device', '=', device)
      .where('epoch', '=', epoch)
      .executeTakeFirstOrThrow();
    if (progress.status !== 'active') return progress.status === 'blocked' ? 'blocked' : 'superseded';
    const seq = Number(progress.last_seq) + 1;
    if (seq > work.maxSeq) return 'done';
    const ref = { device, epoch, seq };
    // Before opening too: a batch of a superseded epoch must not block the device if it will not open.
    if (await laterEpochApplied(db, device, epoch)) {
      await setStatus(db, ref, 'superseded', null, now());
      return 'superseded';
    }
    const envelope = await db
      .selectFrom('envelopes')
      .select('bytes')
      .where('device', '=', device)
      .where('epoch', '=', epoch)
      .where('seq', '=', seq)
      .executeTakeFirst();
    // Receive stores seqs without gaps, so a missing one means the log was edited: stop, do not skip.
    if (!envelope) return 'done';

    // Opened before the transaction: decryption is slow work that must not hold the database.
    let changes: ChangeRecord[];
    try {
      changes = await openChanges(envelope.bytes, keys, ref);
    } catch (e) {
      if (!isSyncFormatError(e)) throw e;
      if (await setStatus(db, ref, 'blocked', e.code, now())) summary.blocked += 1;
      return 'blocked';
    }

    const outcome = await db.transaction().execute(async (trx) => {
      // Checked in the batch's transaction, so a later epoch applied meanwhile (by another process) counts.
      if (await laterEpochApplied(trx, device, epoch)) {
        await setStatus(trx, ref, 'superseded', null, now());
        return 'superseded';
      }
      if (!(await claim(trx, ref, now()))) return 'lost';
      await upsertRows(trx, store, ref, changes);
      await options.beforeCommit?.(ref);
      return 'applied';
    });
    if (outcome === 'superseded') return 'superseded';
    if (outcome === 'lost') continue; // another process took it, or the status changed: look again
    summary.batches += 1;
    summary.changes += changes.length;
  }
}

/** True once any later epoch of the device has applied a batch. */
async function laterEpochApplied(db: Db, device: string, epoch: number): Promise<boolean> {
  const row = await db
    .selectFrom('ingest_progress')
    .select('epoch')
    .where('device', '=', device)
    .where('epoch', '>', epoch)
    .where('last_seq', '>', 0)
    .executeTakeFirst();
  return row !== undefined;
}

interface BatchRef {
  device: string;
  epoch: number;
  seq: number;
}

/**
 * Decrypts, gunzips and parses one stored envelope; SyncFormatError for anything that is not a batch,
 * UNKNOWN_TABLE for a change of a table not in SYNCED_TABLE_NAMES.
 */
async function openChanges(bytes: Uint8Array, keys: CountyKeys, ref: BatchRef): Promise<ChangeRecord[]> {
  const parsed = parseEnvelope(bytes);
  const { header } = parsed;
  if (header.device !== ref.device || header.epoch !== ref.epoch || header.seq !== ref.seq) {
    throw new SyncFormatError('MALFORMED', 'stored envelope header differs from its row');
  }
  const compressed = await openBatch(parsed, keys.encryption.privateKey);
  // Exactly one gzip member, nothing after it (strict-gzip.ts); MALFORMED otherwise.
  const body = gunzipOneMember(compressed, MAX_BODY_BYTES);
  // Read on the bytes: each row stays the UTF-8 text the desk sent (change-reader.ts); Node checks UTF-8.
  const changes = readChangeLines(body, header.count, { isUtf8 });
  // The county applies only the tables it knows: a change of any other (a desk newer than this code)
  // blocks the batch whole, like one that will not parse, rather than storing rows nothing reads.
  assertSyncedTables(changes);
  return changes;
}

/** Advances last_seq from seq − 1 to seq on an active epoch; false if that is no longer the state. */
async function claim(trx: Transaction<CountyDB>, ref: BatchRef, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('ingest_progress')
    .set({ last_seq: ref.seq, updated_at: at })
    .where('device', '=', ref.device)
    .where('epoch', '=', ref.epoch)
    .where('last_seq', '=', ref.seq - 1)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function setStatus(
  db: Db,
  ref: BatchRef,
  status: 'superseded' | 'blocked',
  reason: string | null,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('ingest_progress')
    .set({ status, reason, updated_at: at })
    .where('device', '=', ref.device)
    .where('epoch', '=', ref.epoch)
    .where('last_seq', '=', ref.seq - 1)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * county_rows (device, table, id) ← the row as of the batch's last change to it. Only the last change per
 * key is written (seqs increase within a batch), because one multi-row upsert may not touch a row twice.
 * The county never rolls a row back: a change with a lower version than the stored row (a restored desk,
 * an older epoch arriving late) is kept in its stored envelope but does not overwrite the newer row; an
 * equal version may (a later epoch re-sending the same row). row_json is the row's JSON text as the desk
 * sent it: on the SQLCipher file its UTF-8 bytes are bound as they are and stored as text (CAST in the
 * statement, so no string is made of them here); on PostgreSQL the store's codec seals them.
 */
async function upsertRows(
  trx: Transaction<CountyDB>,
  store: Pick<CountyStore, 'dialect' | 'rows'>,
  ref: BatchRef,
  changes: ChangeRecord[],
): Promise<void> {
  const codec: RowCodec = store.rows;
  const asBytes = store.dialect === 'sqlite' && !codec.sealing;
  const latest = new Map<string, ChangeRecord>();
  for (const change of changes) latest.set(`${change.table}\u0000${change.id}`, change);
  const params: unknown[] = [];
  for (const change of latest.values()) {
    const { row } = change;
    params.push(
      ref.device,
      change.table,
      change.id,
      change.version,
      change.op === 'delete' ? 1 : 0,
      asBytes
        ? Buffer.from(row.buffer, row.byteOffset, row.byteLength)
        : codec.seal({ device: ref.device, table: change.table, id: change.id }, row),
      change.softDeleted ? 1 : 0,
      change.changedAt,
      ref.epoch,
      ref.seq,
    );
  }
  const perChunk = UPSERT_CHUNK * UPSERT_COLUMNS.length;
  for (let i = 0; i < params.length; i += perChunk) {
    const chunk = params.slice(i, i + perChunk);
    await trx.executeQuery(
      CompiledQuery.raw(upsertSql(store.dialect, chunk.length / UPSERT_COLUMNS.length), chunk),
    );
  }
}

/** county_rows' columns in the order upsertRows binds them. */
const UPSERT_COLUMNS = [
  'device',
  'table_name',
  'row_id',
  'version',
  'deleted',
  'row_json',
  'soft_deleted',
  'changed_at',
  'epoch',
  'seq',
] as const;
const UPDATED_COLUMNS = UPSERT_COLUMNS.slice(3);

/** The full-chunk statement of each dialect (a batch's last, shorter chunk is written when needed). */
const upsertStatements = new Map<string, string>();

/**
 * The multi-row upsert of `rows` rows, written once per dialect and size (both dialects take the same
 * statement but for their placeholders): the rows built above are bound as parameters, so nothing of a
 * row's content is ever part of the SQL text, and no query builder runs per row.
 */
function upsertSql(dialect: CountyStore['dialect'], rows: number): string {
  const key = `${dialect}/${rows}`;
  const cached = upsertStatements.get(key);
  if (cached) return cached;
  const width = UPSERT_COLUMNS.length;
  const placeholder = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
  // row_json arrives as UTF-8 bytes on SQLite (see upsertRows): CAST makes them text, as they are.
  const bind = (c: number, n: number) =>
    UPSERT_COLUMNS[c] === 'row_json' && dialect === 'sqlite'
      ? `CAST(${placeholder(n)} AS TEXT)`
      : placeholder(n);
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${UPSERT_COLUMNS.map((_c, c) => bind(c, r * width + c + 1)).join(', ')})`,
  );
  const text =
    `insert into "county_rows" (${UPSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}` +
    ` on conflict ("device", "table_name", "row_id") do update set ` +
    UPDATED_COLUMNS.map((c) => `"${c}" = "excluded"."${c}"`).join(', ') +
    ` where "county_rows"."version" <= "excluded"."version"`;
  if (rows === UPSERT_CHUNK) upsertStatements.set(key, text);
  return text;
}

export interface Ingestor {
  /** Asks for a pass; while one runs, exactly one more follows it. */
  kick(): void;
  /** Resolves once no pass is running or scheduled. */
  idle(): Promise<void>;
  /** No new passes; resolves when the running one has ended (it stops at the next batch boundary). */
  close(): Promise<void>;
}

export interface IngestorOptions {
  now?: () => Date;
  /** Called with whatever a pass threw (the database went away …); the default logs class and code only. */
  onError?: (e: unknown) => void;
  /** Fault tests only: passed to every pass (see IngestOptions.beforeCommit). */
  beforeCommit?: IngestOptions['beforeCommit'];
}

/** A single-flight runner of ingestPending for the server and `import`. */
export function createIngestor(
  store: CountyStore,
  keys: CountyKeys,
  options: IngestorOptions = {},
): Ingestor {
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const onError = options.onError ?? ((e: unknown) => logFailure('county', 'ingest pass', e));

  async function loop(): Promise<void> {
    for (;;) {
      again = false;
      try {
        await ingestPending(store, keys, {
          now: options.now,
          shouldContinue: () => !closed,
          beforeCommit: options.beforeCommit,
        });
      } catch (e) {
        onError(e);
      }
      // No await between this check and clearing `running`: a kick after it starts a fresh loop.
      if (!again || closed) {
        running = undefined;
        return;
      }
    }
  }

  return {
    kick() {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = loop();
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      while (running) await running;
    },
  };
}
