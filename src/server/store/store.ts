import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Generated } from 'kysely';
import pg from 'pg';
import { CountyError } from '../errors';
import {
  clearRowCodec,
  DATABASE_KEY_BYTES,
  sealedRowCodec,
  unkeyedRowCodec,
  type RowCodec,
} from './row-seal';
import { withStatementCache } from './statement-cache';

/**
 * The county database, written only through kysely with portable SQL, so the same code runs on the
 * embedded SQLite file (default) and on PostgreSQL (configured). Counters are ≤ 2^53 − 1, so integers are
 * plain JS numbers on both (PostgreSQL's int8 is parsed to number below). The envelopes are stored still
 * sealed. At rest the desks' rows are encrypted too (docs/county-server.md, "At rest"): the SQLite file
 * is SQLCipher-encrypted with the county database key; on PostgreSQL each county_rows.row_json is sealed
 * with AES-256-GCM (row-seal.ts) and only the columns the report needs to select rows stay clear.
 */
export interface DevicesTable {
  id: string;
  station: string;
  /** Hex SHA-256 of the one-time enrolment secret; the secret itself is never stored. */
  enrolment_code_hash: string;
  /** Hex raw Ed25519 public key of the desk. */
  public_key: string;
  enrolled_at: string;
  /** Set by `county revoke`: the device's uploads and enrolment replays are refused from then on. */
  revoked_at: string | null;
}

/** One-time enrolment codes (`county enrol`); redeemed once, by one device key. */
export interface EnrolmentsTable {
  /** Hex SHA-256 of the secret. */
  secret_hash: string;
  station: string;
  created_at: string;
  expires_at: string;
  /** Set when redeemed: the device it created (the same answer is given again to the same key). */
  device_id: string | null;
  redeemed_at: string | null;
}

export interface EnvelopesTable {
  id: Generated<number>;
  device: string;
  epoch: number;
  seq: number;
  /** Hex SHA-256 of `bytes`. */
  hash: string;
  bytes: Uint8Array;
  received_at: string;
}

export interface ReceiptsTable {
  device: string;
  epoch: number;
  seq: number;
  hash: string;
  /** The signed receipt in its wire form (serializeSignedReceipt), returned verbatim on replays. */
  signed: string;
}

export type IngestStatus = 'active' | 'superseded' | 'blocked';

/**
 * How far ingest has applied each device epoch. Updated in the same transaction as the rows a batch
 * changes, so every batch is applied exactly once. 'superseded': a newer epoch of the device was applied
 * first (a restored backup); later batches of this epoch are kept as envelopes but not applied.
 * 'blocked': a stored batch could not be opened (reason = a SyncFormatError code); needs an operator.
 */
export interface IngestProgressTable {
  device: string;
  epoch: number;
  last_seq: number;
  status: IngestStatus;
  reason: string | null;
  updated_at: string;
}

/** The desks' data as last changed, keyed by origin device: one row per (device, table, id). */
export interface CountyRowsTable {
  device: string;
  table_name: string;
  row_id: string;
  /** The row's own version after the change. */
  version: number;
  /** 1 when the last change was a delete (the row JSON is then the row before deletion). */
  deleted: number;
  /**
   * The whole row as the desk captured it, JSON text — on PostgreSQL sealed (row-seal.ts): read it only
   * through `store.rows.open`.
   */
  row_json: string;
  /** 1 when the row carries a deletion time (deleted_at): the one fact the report counts some rows by. */
  soft_deleted: number;
  changed_at: string;
  /** Which batch last set it. */
  epoch: number;
  seq: number;
}

/** One row: the schema version of this county database (a newer one is refused). */
export interface CountyMetaTable {
  id: number;
  schema_version: number;
}

/** Operator actions (revoke, unblock, enrol), ids only: never a station name, code or row content. */
export interface CountyAuditTable {
  id: Generated<number>;
  at: string;
  action: string;
  /** The device acted on, if any. */
  device: string | null;
}

/**
 * The newest audit chain head each device's batches carried (header auditSeq/auditHead). `flag` is set
 * the first time a batch carries a head that went backwards (a lower seq: entries cut off, or a desk
 * restored from a backup) or was rewritten (the same seq with another hash), and stays until an operator
 * has looked; `county report` lists flagged desks. Ids, counters and hashes only.
 */
export interface AuditHeadsTable {
  device: string;
  audit_seq: number;
  audit_head: string;
  flag: 'backwards' | 'rewritten' | null;
  flagged_at: string | null;
  updated_at: string;
}

export interface CountyDB {
  audit_heads: AuditHeadsTable;
  county_audit: CountyAuditTable;
  devices: DevicesTable;
  enrolments: EnrolmentsTable;
  envelopes: EnvelopesTable;
  receipts: ReceiptsTable;
  ingest_progress: IngestProgressTable;
  county_rows: CountyRowsTable;
  county_meta: CountyMetaTable;
}

export type CountyDialect = 'sqlite' | 'postgres';

export interface CountyStore {
  db: Kysely<CountyDB>;
  dialect: CountyDialect;
  /** Seals county_rows.row_json for storage and opens it again (identity on the SQLCipher file). */
  rows: RowCodec;
  close(): Promise<void>;
}

/**
 * 2: devices.revoked_at, county_rows.soft_deleted, county_audit; on PostgreSQL row_json sealed. A version 1
 * database is upgraded when opened with its key (`county upgrade`, docs/county-server.md).
 */
export const COUNTY_SCHEMA_VERSION = 2;

/**
 * Where the county database lives: `county.json` → database, or $COUNTY_DATABASE_URL for PostgreSQL; `key`
 * is the county database key (32 bytes, from the sealed key file): the SQLCipher key of the SQLite file,
 * the root of the row-sealing key on PostgreSQL. Without it a SQLite file is plain (an old county being
 * upgraded, some tests) and PostgreSQL rows can be neither written nor read.
 */
export type CountyDatabaseConfig =
  { kind: 'sqlite'; path: string; key?: Uint8Array } | { kind: 'postgres'; url: string; key?: Uint8Array };

export class CountySchemaTooNewError extends Error {
  override readonly name = 'CountySchemaTooNewError';
  constructor(readonly found: number) {
    super(`county database schema ${found} is newer than this server (${COUNTY_SCHEMA_VERSION})`);
  }
}

/** Idempotent schema set-up for either dialect; upgrades a version 1 database; refuses a newer one. */
export async function createSchema(
  db: Kysely<CountyDB>,
  dialect: CountyDialect,
  rows: RowCodec = dialect === 'sqlite' ? clearRowCodec : unkeyedRowCodec,
): Promise<void> {
  const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('county_meta')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('schema_version', 'integer', (c) => c.notNull())
    .execute();
  const meta = await db
    .selectFrom('county_meta')
    .select('schema_version')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (meta && meta.schema_version > COUNTY_SCHEMA_VERSION)
    throw new CountySchemaTooNewError(meta.schema_version);
  // Added within schema 2 (an independent table, made wherever it is missing).
  await db.schema
    .createTable('audit_heads')
    .ifNotExists()
    .addColumn('device', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('audit_seq', 'bigint', (c) => c.notNull())
    .addColumn('audit_head', 'varchar(64)', (c) => c.notNull())
    .addColumn('flag', 'varchar(16)')
    .addColumn('flagged_at', 'varchar(24)')
    .addColumn('updated_at', 'varchar(24)', (c) => c.notNull())
    .execute();
  if (meta && meta.schema_version < COUNTY_SCHEMA_VERSION) {
    await upgradeFromVersion1(db, dialect, rows);
    return;
  }

  await db.schema
    .createTable('devices')
    .ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('station', 'text', (c) => c.notNull())
    .addColumn('enrolment_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('public_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('enrolled_at', 'varchar(24)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(24)')
    .execute();
  await db.schema
    .createTable('enrolments')
    .ifNotExists()
    .addColumn('secret_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('station', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(24)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(24)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(36)')
    .addColumn('redeemed_at', 'varchar(24)')
    .execute();
  await db.schema
    .createTable('envelopes')
    .ifNotExists()
    .addColumn('id', serial, (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('device', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('bytes', binary, (c) => c.notNull())
    .addColumn('received_at', 'varchar(24)', (c) => c.notNull())
    .addUniqueConstraint('envelopes_device_epoch_seq', ['device', 'epoch', 'seq'])
    .execute();
  await db.schema
    .createTable('receipts')
    .ifNotExists()
    .addColumn('device', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('signed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipts_pk', ['device', 'epoch', 'seq'])
    .execute();
  await db.schema
    .createTable('ingest_progress')
    .ifNotExists()
    .addColumn('device', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'varchar(24)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_progress_pk', ['device', 'epoch'])
    .execute();
  await db.schema
    .createTable('county_rows')
    .ifNotExists()
    .addColumn('device', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('table_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('row_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('row_json', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('soft_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('county_rows_pk', ['device', 'table_name', 'row_id'])
    .execute();
  await db.schema
    .createIndex('county_rows_table')
    .ifNotExists()
    .on('county_rows')
    .columns(['table_name', 'deleted'])
    .execute();
  await createAuditTable(db, dialect);

  if (!meta) {
    await db
      .insertInto('county_meta')
      .values({ id: 1, schema_version: COUNTY_SCHEMA_VERSION })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

async function createAuditTable(db: Kysely<CountyDB>, dialect: CountyDialect): Promise<void> {
  await db.schema
    .createTable('county_audit')
    .ifNotExists()
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'varchar(24)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('device', 'varchar(36)')
    .execute();
}

/** Rows sealed per statement while upgrading (keyset pages on the primary key). */
const UPGRADE_PAGE = 500;

/**
 * Schema 1 → 2 in one transaction: the new columns and table, soft_deleted from each row's JSON, and on
 * PostgreSQL every row_json sealed (so the data key is needed: UPGRADE_NEEDED without it). A crash leaves
 * version 1 whole, and the next open does it again.
 */
async function upgradeFromVersion1(
  db: Kysely<CountyDB>,
  dialect: CountyDialect,
  rows: RowCodec,
): Promise<void> {
  if (!rows.sealing && dialect === 'postgres') {
    throw new CountyError('UPGRADE_NEEDED', 'county database schema 1 needs `county upgrade` (the data key)');
  }
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('devices').addColumn('revoked_at', 'varchar(24)').execute();
    await trx.schema
      .alterTable('county_rows')
      .addColumn('soft_deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await createAuditTable(trx, dialect);
    let after: { device: string; table: string; id: string } | undefined;
    for (;;) {
      let page = trx
        .selectFrom('county_rows')
        .select(['device', 'table_name', 'row_id', 'row_json'])
        .orderBy('device')
        .orderBy('table_name')
        .orderBy('row_id')
        .limit(UPGRADE_PAGE);
      if (after) {
        const { device, table, id } = after;
        page = page.where((eb) =>
          eb.or([
            eb('device', '>', device),
            eb.and([eb('device', '=', device), eb('table_name', '>', table)]),
            eb.and([eb('device', '=', device), eb('table_name', '=', table), eb('row_id', '>', id)]),
          ]),
        );
      }
      const found = await page.execute();
      for (const r of found) {
        const ref = { device: r.device, table: r.table_name, id: r.row_id };
        const row = JSON.parse(r.row_json) as { deleted_at?: unknown };
        await trx
          .updateTable('county_rows')
          .set({
            row_json: rows.seal(ref, r.row_json),
            soft_deleted: row.deleted_at === null || row.deleted_at === undefined ? 0 : 1,
          })
          .where('device', '=', r.device)
          .where('table_name', '=', r.table_name)
          .where('row_id', '=', r.row_id)
          .execute();
      }
      const last = found.at(-1);
      if (!last || found.length < UPGRADE_PAGE) break;
      after = { device: last.device, table: last.table_name, id: last.row_id };
    }
    await trx
      .updateTable('county_meta')
      .set({ schema_version: COUNTY_SCHEMA_VERSION })
      .where('id', '=', 1)
      .execute();
  });
}

async function withSchema(
  db: Kysely<CountyDB>,
  dialect: CountyDialect,
  rows: RowCodec,
): Promise<CountyStore> {
  try {
    await createSchema(db, dialect, rows);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  let closed = false;
  return {
    db,
    dialect,
    rows,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True for a plain (not encrypted) SQLite file: its first 16 bytes are SQLite's own header. */
export function isPlainSqliteFile(path: string): boolean {
  if (!existsSync(path) || statSync(path).size < SQLITE_HEADER.length) return false;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER);
}

/**
 * SQLCipher 4 format, keyed with the raw 32-byte key (`x'hex'`, no passphrase KDF), as the desk's store
 * (src/main/desk/store.ts) — Zetetic's own sqlcipher opens the file with the same key.
 */
function applySqlcipherKey(sqlite: Database.Database, pragma: 'key' | 'rekey', key: Uint8Array): void {
  if (key.length !== DATABASE_KEY_BYTES) throw new RangeError('county database key must be 32 bytes');
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`${pragma} = "x'${Buffer.from(key).toString('hex')}'"`);
}

/**
 * Opens (creating if needed) the embedded SQLite county database at `path`: with a key SQLCipher-encrypted
 * (a plain file then is an old county: UPGRADE_NEEDED), without one plain. WAL with synchronous=FULL: a
 * commit — and so every receipt, sent only after its commit — survives a power cut.
 */
export async function openSqliteStore(
  path: string,
  options: { key?: Uint8Array } = {},
): Promise<CountyStore> {
  if (options.key && isPlainSqliteFile(path)) {
    throw new CountyError(
      'UPGRADE_NEEDED',
      'the county database file is not encrypted yet: run `county upgrade`',
    );
  }
  const sqlite = new Database(path);
  try {
    if (options.key) applySqlcipherKey(sqlite, 'key', options.key);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (e instanceof Database.SqliteError && e.code === 'SQLITE_NOTADB') {
        throw new CountyError('DATABASE_LOCKED', 'the county database does not open with this key');
      }
      throw e;
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Sorts and temporary indexes stay in memory, never in a clear temp file beside the encrypted one.
    sqlite.pragma('temp_store = MEMORY');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = new Kysely<CountyDB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return withSchema(db, 'sqlite', clearRowCodec);
}

/**
 * Encrypts a plain county SQLite file in place under `key` (`county upgrade`). SQLCipher cannot rekey in
 * WAL mode, so the journal is DELETE for the duration: the rewrite is one rollback-journalled transaction,
 * so a crash leaves the plain file or the encrypted one. Does nothing to a file that is already encrypted.
 */
export function encryptSqliteFile(path: string, key: Uint8Array): boolean {
  if (!isPlainSqliteFile(path)) return false;
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    if (sqlite.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
      throw new Error('cannot leave WAL');
    }
    applySqlcipherKey(sqlite, 'rekey', key);
    sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
  return true;
}

const INT8_OID = 20;

const parseInt8 = (value: string): number => Number(value);

/** pg's own parsers, except int8 → number. */
const countyTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8_OID) return parseInt8;
  const parser: unknown = pg.types.getTypeParser(oid, format ?? 'text');
  return parser;
}) as typeof pg.types.getTypeParser;

/**
 * Opens a PostgreSQL county database (the schema is created in the connection's default schema). With
 * the county database key, county_rows.row_json is sealed per row; without it rows cannot be written or
 * read (DATABASE_LOCKED), the rest can.
 */
export async function openPostgresStore(
  url: string,
  options: { max?: number; key?: Uint8Array } = {},
): Promise<CountyStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 5,
    // int8 → number: every bigint here is a counter ≤ 2^53 − 1 (see the header schema).
    types: { getTypeParser: countyTypeParser },
  });
  const rows = options.key ? sealedRowCodec(options.key) : unkeyedRowCodec;
  return withSchema(new Kysely<CountyDB>({ dialect: new PostgresDialect({ pool }) }), 'postgres', rows);
}

export function openCountyStore(config: CountyDatabaseConfig): Promise<CountyStore> {
  const key = config.key ? { key: config.key } : {};
  return config.kind === 'postgres' ? openPostgresStore(config.url, key) : openSqliteStore(config.path, key);
}

export interface NewDevice {
  id: string;
  station: string;
  enrolmentCodeHash: string;
  publicKey: string;
  enrolledAt: string;
}

/** Records an enrolled desk (enrolment redeem and tests call this). */
export async function addDevice(db: Kysely<CountyDB>, device: NewDevice): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      station: device.station,
      enrolment_code_hash: device.enrolmentCodeHash,
      public_key: device.publicKey,
      enrolled_at: device.enrolledAt,
      revoked_at: null,
    })
    .execute();
}

export type CountyAuditAction = 'revoke' | 'unblock' | 'enrol' | 'upgrade';

/** Appends one operator action to county_audit (ids only). */
export async function auditCounty(
  db: Kysely<CountyDB>,
  action: CountyAuditAction,
  device: string | null,
  at: Date,
): Promise<void> {
  await db.insertInto('county_audit').values({ at: at.toISOString(), action, device }).execute();
}

/**
 * `county revoke`: marks the device revoked and audits it, in one transaction. Returns false for a device
 * the county does not know; revoking twice keeps the first time.
 */
export async function revokeDevice(store: CountyStore, device: string, now: Date): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', device)
      .executeTakeFirst();
    if (!found) return false;
    if (found.revoked_at === null) {
      await trx
        .updateTable('devices')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', device)
        .execute();
    }
    await auditCounty(trx, 'revoke', device, now);
    return true;
  });
}
