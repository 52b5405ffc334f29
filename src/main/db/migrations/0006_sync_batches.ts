import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 4 (sync): the desk side of the batch chain.
 *
 * - sync_state is a single row (id = 1): this desk's device id and Ed25519 device key (private seed in
 *   the clear here because the whole database file is encrypted), the epoch, the seq the next batch gets,
 *   the content hash of the last sealed batch (its `prev`), and — once enrolled — the county's X25519
 *   encryption key, Ed25519 receipt key and their fingerprints. Keys are lowercase hex of the raw 32 bytes.
 * - sync_batches holds every sealed envelope until its receipt arrives (the USB courier rewrites it from
 *   here), with the outbox seq range it carries. first_seq..last_seq of the batches never overlap, so a
 *   rebuild after a crash continues after the highest last_seq. A batch is sealed, then delivered once.
 * Frozen: do not edit after release — add a new migration instead.
 */
const HEX32 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

const STATEMENTS = [
  sql.raw(`CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device_id TEXT NOT NULL,
    device_private_key TEXT NOT NULL CHECK (${HEX32('device_private_key')}),
    device_public_key TEXT NOT NULL CHECK (${HEX32('device_public_key')}),
    epoch INTEGER NOT NULL CHECK (epoch >= 1),
    next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
    last_hash TEXT NOT NULL CHECK (${HEX32('last_hash')}),
    county_public_key TEXT CHECK (county_public_key IS NULL OR (${HEX32('county_public_key')})),
    county_receipt_key TEXT CHECK (county_receipt_key IS NULL OR (${HEX32('county_receipt_key')})),
    county_fingerprint TEXT CHECK (county_fingerprint IS NULL OR (${HEX32('county_fingerprint')})),
    county_receipt_fingerprint TEXT
      CHECK (county_receipt_fingerprint IS NULL OR (${HEX32('county_receipt_fingerprint')})),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`),
  sql.raw(`CREATE TABLE sync_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    epoch INTEGER NOT NULL CHECK (epoch >= 1),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    hash TEXT NOT NULL CHECK (${HEX32('hash')}),
    first_seq INTEGER NOT NULL CHECK (first_seq >= 1),
    last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),
    change_count INTEGER NOT NULL CHECK (change_count >= 1),
    byte_size INTEGER NOT NULL CHECK (byte_size > 0),
    envelope BLOB NOT NULL CHECK (length(envelope) = byte_size),
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sealed', 'delivered')),
    receipt TEXT CHECK (receipt IS NULL OR json_valid(receipt)),
    delivered_at TEXT,
    CHECK ((status = 'sealed') = (receipt IS NULL AND delivered_at IS NULL)),
    UNIQUE (epoch, seq)
  ) STRICT`),
  // A sealed envelope is never rewritten; the only change is sealed → delivered, once.
  sql`CREATE TRIGGER sync_batches_immutable BEFORE UPDATE ON sync_batches
    WHEN NEW.id IS NOT OLD.id OR NEW.epoch IS NOT OLD.epoch OR NEW.seq IS NOT OLD.seq
      OR NEW.hash IS NOT OLD.hash OR NEW.first_seq IS NOT OLD.first_seq OR NEW.last_seq IS NOT OLD.last_seq
      OR NEW.change_count IS NOT OLD.change_count OR NEW.byte_size IS NOT OLD.byte_size
      OR NEW.envelope IS NOT OLD.envelope OR NEW.created_at IS NOT OLD.created_at
      OR OLD.status = 'delivered'
    BEGIN SELECT RAISE(ABORT, 'sealed batches are immutable'); END`,
];

export const m0006SyncBatches: Migration = {
  version: 6,
  name: 'sync_batches',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
