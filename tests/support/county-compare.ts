import { isDeepStrictEqual } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import { SYNCED_TABLES, type SyncedTableName } from '../../src/main/sync/sync.table';
import type { CountyStore } from '../../src/server/store/store';
import { envelopeHash, parseEnvelope, ZERO_HASH } from '../../src/shared/sync';

/*
 * "The county holds exactly the desk's data", checked the same way by the round-trip and fault suites:
 * every row of every synced table on the desk is a live county row of that device whose row_json parses
 * to the same object (deep equality, every column) at the same version; every county row the desk no
 * longer has is one the desk hard-deleted, marked deleted; nothing else. And the envelope log: per device
 * epoch seqs 1..n without gaps, each chained to the one before, one receipt per envelope.
 */

/** Listed problems are capped (a broken run could list thousands); `problemCount` has them all. */
const MAX_LISTED = 20;

export interface TableCounts {
  desk: number;
  countyLive: number;
  countyDeleted: number;
}

export interface CountyComparison {
  /** The first few problems, e.g. 'differs cases/<id>' (ids only, never row content). */
  problems: string[];
  problemCount: number;
  tables: Record<SyncedTableName, TableCounts>;
  /** county_rows of any other device (there is one desk in these tests). */
  otherDeviceRows: number;
}

/** A county row's JSON text, unsealed on PostgreSQL (row-seal.ts). */
function openRow(
  county: CountyStore,
  device: string,
  table: string,
  held: { row_id: string; row_json: string },
) {
  return county.rows.open({ device, table, id: held.row_id }, held.row_json);
}

export async function compareDeskWithCounty(
  desk: Kysely<DB>,
  county: CountyStore,
  device: string,
  hardDeleted: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<CountyComparison> {
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (text: string) => {
    problemCount += 1;
    if (problems.length < MAX_LISTED) problems.push(text);
  };

  const countyRows = await county.db
    .selectFrom('county_rows')
    .select(['table_name', 'row_id', 'row_json', 'version', 'deleted'])
    .where('device', '=', device)
    .execute();
  const byKey = new Map(countyRows.map((r) => [`${r.table_name}/${r.row_id}`, r]));
  const synced = new Set<string>(SYNCED_TABLES);
  const tables = {} as Record<SyncedTableName, TableCounts>;

  for (const table of SYNCED_TABLES) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(desk)).rows;
    const counts: TableCounts = { desk: rows.length, countyLive: 0, countyDeleted: 0 };
    tables[table] = counts;
    const onDesk = new Set<string>();
    for (const row of rows) {
      const key = `${table}/${String(row.id)}`;
      onDesk.add(key);
      const held = byKey.get(key);
      if (!held) problem(`missing ${key}`);
      else if (Number(held.deleted) !== 0) problem(`deleted ${key}`);
      else if (!isDeepStrictEqual(JSON.parse(openRow(county, device, table, held)), row))
        problem(`differs ${key}`);
      else if (Number(held.version) !== row.version) problem(`version ${key}`);
    }
    const gone = hardDeleted.get(table) ?? new Set<string>();
    for (const id of gone) {
      const key = `${table}/${id}`;
      if (onDesk.has(key)) problem(`still on the desk ${key}`);
      const held = byKey.get(key);
      if (!held) problem(`deletion missing ${key}`);
      else if (Number(held.deleted) !== 1) problem(`not marked deleted ${key}`);
    }
    for (const r of countyRows) {
      if (r.table_name !== table) continue;
      const key = `${table}/${r.row_id}`;
      if (Number(r.deleted) === 0) {
        counts.countyLive += 1;
        if (!onDesk.has(key)) problem(`extra ${key}`);
      } else {
        counts.countyDeleted += 1;
        if (!gone.has(r.row_id)) problem(`unexpectedly deleted ${key}`);
      }
    }
  }
  for (const r of countyRows) if (!synced.has(r.table_name)) problem(`unknown table ${r.table_name}`);

  const other = await county.db
    .selectFrom('county_rows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('device', '<>', device)
    .executeTakeFirstOrThrow();
  return { problems, problemCount, tables, otherDeviceRows: Number(other.n) };
}

export interface EnvelopeLog {
  /** Per epoch of the device, the stored seqs in order. */
  epochs: { epoch: number; seqs: number[] }[];
  envelopes: number;
  receipts: number;
  /** Change lines the envelope headers announce, summed. */
  changes: number;
  /** Chain, hash, gap and receipt problems (empty when the log is whole). */
  problems: string[];
  /** ingest_progress of each epoch. */
  progress: { epoch: number; lastSeq: number; status: string }[];
}

/** The county's append-only log of one device, checked for gaps, chain and receipts. */
export async function envelopeLog(county: CountyStore, device: string): Promise<EnvelopeLog> {
  const rows = await county.db
    .selectFrom('envelopes')
    .select(['epoch', 'seq', 'hash', 'bytes'])
    .where('device', '=', device)
    .orderBy('epoch')
    .orderBy('seq')
    .execute();
  const receipts = await county.db
    .selectFrom('receipts')
    .select(['epoch', 'seq', 'hash'])
    .where('device', '=', device)
    .execute();
  const receiptHash = new Map(receipts.map((r) => [`${Number(r.epoch)}/${Number(r.seq)}`, r.hash]));
  const problems: string[] = [];
  const epochs: EnvelopeLog['epochs'] = [];
  let changes = 0;
  let prev = ZERO_HASH;
  for (const row of rows) {
    const epoch = Number(row.epoch);
    const seq = Number(row.seq);
    let current = epochs[epochs.length - 1];
    if (current?.epoch !== epoch) {
      current = { epoch, seqs: [] };
      epochs.push(current);
      prev = ZERO_HASH;
    }
    const at = `${epoch}/${seq}`;
    if (seq !== current.seqs.length + 1) problems.push(`gap before ${at}`);
    current.seqs.push(seq);
    const { header } = parseEnvelope(row.bytes);
    changes += header.count;
    if (header.prev !== prev) problems.push(`chain broken at ${at}`);
    if ((await envelopeHash(row.bytes)) !== row.hash) problems.push(`hash differs at ${at}`);
    if (receiptHash.get(at) !== row.hash) problems.push(`receipt missing or different at ${at}`);
    prev = row.hash;
  }
  const progress = await county.db
    .selectFrom('ingest_progress')
    .select(['epoch', 'last_seq', 'status'])
    .where('device', '=', device)
    .orderBy('epoch')
    .execute();
  return {
    epochs,
    envelopes: rows.length,
    receipts: receipts.length,
    changes,
    problems,
    progress: progress.map((p) => ({
      epoch: Number(p.epoch),
      lastSeq: Number(p.last_seq),
      status: p.status,
    })),
  };
}

/** Desk side: changes still waiting, and changes the county's verified receipts account for. */
export async function deskAccount(db: Kysely<DB>): Promise<{ pending: number; delivered: number }> {
  const pending = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delivered_batch', 'is', null)
    .executeTakeFirstOrThrow();
  const delivered = await db
    .selectFrom('sync_batches')
    .select((eb) => eb.fn.sum<number>('change_count').as('n'))
    .where('status', '=', 'delivered')
    .executeTakeFirstOrThrow();
  return { pending: Number(pending.n), delivered: Number(delivered.n ?? 0) };
}
