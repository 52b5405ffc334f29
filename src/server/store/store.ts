import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Generated } from 'kysely';
import pg from 'pg';

/**
 * The county database, written only through kysely with portable SQL, so the same code runs on the
 * embedded SQLite file (default) and on PostgreSQL (configured). Counters are ≤ 2^53 − 1, so integers are
 * plain JS numbers on both (PostgreSQL's int8 is parsed to number below). The envelopes are stored still
 * sealed; the ingested rows (county_rows) are the desks' data in the clear — the county machine's disk
 * protection is the office's job (docs: README, county server).
 */
export interface DevicesTable {
  id: string;
  station: string;
  /** Hex SHA-256 of the one-time enrolment secret; the secret itself is never stored. */
  enrolment_code_hash: string;
  /** Hex raw Ed25519 public key of the desk. */
  public_key: string;
  enrolled_at: string;
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
  /** The whole row as the desk captured it, JSON text. */
  row_json: string;
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

export interface CountyDB {
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
  close(): Promise<void>;
}

export const COUNTY_SCHEMA_VERSION = 1;

/** Where the county database lives: `county.json` → database, or $COUNTY_DATABASE_URL for PostgreSQL. */
export type CountyDatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export class CountySchemaTooNewError extends Error {
  override readonly name = 'CountySchemaTooNewError';
  constructor(readonly found: number) {
    super(`county database schema ${found} is newer than this server (${COUNTY_SCHEMA_VERSION})`);
  }
}

/** Idempotent schema set-up for either dialect; refuses a database written by a newer server. */
export async function createSchema(db: Kysely<CountyDB>, dialect: CountyDialect): Promise<void> {
  const binary = dialect === 'postgres' ? sql`bytea` : sql`blob`;
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

  await db.schema
    .createTable('devices')
    .ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('station', 'text', (c) => c.notNull())
    .addColumn('enrolment_code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('public_key', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('enrolled_at', 'varchar(24)', (c) => c.notNull())
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
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
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
    .addPrimaryKeyConstraint('county_rows_pk', ['device', 'table_name', 'row_id'])
    .execute();
  await db.schema
    .createIndex('county_rows_table')
    .ifNotExists()
    .on('county_rows')
    .columns(['table_name', 'deleted'])
    .execute();

  if (!meta) {
    await db
      .insertInto('county_meta')
      .values({ id: 1, schema_version: COUNTY_SCHEMA_VERSION })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

async function withSchema(db: Kysely<CountyDB>, dialect: CountyDialect): Promise<CountyStore> {
  try {
    await createSchema(db, dialect);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  let closed = false;
  return {
    db,
    dialect,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Opens (creating if needed) the embedded SQLite county database at `path`. */
export async function openSqliteStore(path: string): Promise<CountyStore> {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return withSchema(new Kysely<CountyDB>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite');
}

const INT8_OID = 20;

const parseInt8 = (value: string): number => Number(value);

/** pg's own parsers, except int8 → number. */
const countyTypeParser = ((oid: number, format?: 'text' | 'binary') => {
  if (oid === INT8_OID) return parseInt8;
  const parser: unknown = pg.types.getTypeParser(oid, format ?? 'text');
  return parser;
}) as typeof pg.types.getTypeParser;

/** Opens a PostgreSQL county database (the schema is created in the connection's default schema). */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<CountyStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 5,
    // int8 → number: every bigint here is a counter ≤ 2^53 − 1 (see the header schema).
    types: { getTypeParser: countyTypeParser },
  });
  return withSchema(new Kysely<CountyDB>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}

export function openCountyStore(config: CountyDatabaseConfig): Promise<CountyStore> {
  return config.kind === 'postgres' ? openPostgresStore(config.url) : openSqliteStore(config.path);
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
    })
    .execute();
}
