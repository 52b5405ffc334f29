import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Generated } from 'kysely';

/**
 * The county database, written only through kysely with portable SQL (text, integer/bigint, blob via
 * the dialect's binary type) so a PostgreSQL dialect can be added beside SQLite later. The county file
 * is not encrypted at rest: its payloads are the still-sealed envelopes.
 */
export interface DevicesTable {
  id: string;
  station: string;
  /** Hex SHA-256 of the one-time enrolment code; the code itself is never stored. */
  enrolment_code_hash: string;
  /** Hex raw Ed25519 public key of the desk. */
  public_key: string;
  enrolled_at: string;
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

export interface CountyDB {
  devices: DevicesTable;
  envelopes: EnvelopesTable;
  receipts: ReceiptsTable;
}

export interface CountyStore {
  db: Kysely<CountyDB>;
  close(): Promise<void>;
}

/** Idempotent schema set-up; a real migrator comes with the second schema version. */
export async function createSchema(db: Kysely<CountyDB>): Promise<void> {
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
    .createTable('envelopes')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('device', 'varchar(36)', (c) => c.notNull().references('devices.id'))
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('bytes', 'blob', (c) => c.notNull())
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
}

/** Opens (creating if needed) the embedded SQLite county database at `path`. */
export async function openSqliteStore(path: string): Promise<CountyStore> {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Counters are ≤ 2^53 − 1 (counterSchema), so plain JS numbers read them exactly.
  const db = new Kysely<CountyDB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await createSchema(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  let closed = false;
  return {
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export interface NewDevice {
  id: string;
  station: string;
  enrolmentCodeHash: string;
  publicKey: string;
  enrolledAt: string;
}

/** Records an enrolled desk (the enrol CLI and enrolment endpoint will call this). */
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
