import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 4 (sync): the desk's link to the county server — where it is, which certificate it presented at
 * enrolment, how often to sync, and how the last attempt went. One row (id = 1), created here with the
 * defaults so that the sync settings can be read and changed before enrolment.
 *
 * - server_url, station, tls_certificate (PEM of the pinned certificate), tls_fingerprint (hex SHA-256 of
 *   its DER) and enrolled_at are all NULL until enrolment, then all set at once, and never change again
 *   (a trigger refuses it): every later connection trusts exactly that certificate. The county's keys
 *   are pinned in sync_state (migration 0006), written in the same transaction.
 * - last_attempt_at / last_success_at / last_error_* persist the status page across restarts. The error
 *   is a stable code (an ErrorCode) with its JSON meta (counters, minutes, the county's reason code —
 *   never personal data); all three error columns are NULL together (after a success).
 * Frozen: do not edit after release — add a new migration instead.
 */
const HEX32 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

const ENROLMENT_COLUMNS = ['server_url', 'station', 'tls_certificate', 'tls_fingerprint', 'enrolled_at'];

const STATEMENTS = [
  sql.raw(`CREATE TABLE sync_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server_url TEXT CHECK (server_url IS NULL OR server_url GLOB 'https://?*'),
    station TEXT CHECK (station IS NULL OR length(station) BETWEEN 1 AND 100),
    tls_certificate TEXT
      CHECK (tls_certificate IS NULL OR tls_certificate GLOB '-----BEGIN CERTIFICATE-----*'),
    tls_fingerprint TEXT CHECK (tls_fingerprint IS NULL OR (${HEX32('tls_fingerprint')})),
    enrolled_at TEXT,
    auto_sync INTEGER NOT NULL CHECK (auto_sync IN (0, 1)),
    interval_minutes INTEGER NOT NULL CHECK (interval_minutes BETWEEN 1 AND 1440),
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error_code TEXT
      CHECK (last_error_code IS NULL OR (length(last_error_code) BETWEEN 1 AND 64
        AND last_error_code NOT GLOB '*[^A-Z0-9_]*')),
    last_error_at TEXT,
    last_error_meta TEXT
      CHECK (last_error_meta IS NULL OR (json_valid(last_error_meta) AND json_type(last_error_meta) = 'object')),
    updated_at TEXT NOT NULL,
    CHECK (${ENROLMENT_COLUMNS.map((c) => `(${c} IS NULL) = (enrolled_at IS NULL)`).join(' AND ')}),
    CHECK ((last_error_code IS NULL) = (last_error_at IS NULL)
      AND (last_error_code IS NULL) = (last_error_meta IS NULL))
  ) STRICT`),
  sql`INSERT INTO sync_link (id, auto_sync, interval_minutes, updated_at)
    VALUES (1, 1, 15, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  // Enrolment happens once: the pinned server and certificate never change afterwards.
  sql.raw(`CREATE TRIGGER sync_link_enrolment_fixed BEFORE UPDATE ON sync_link
    WHEN OLD.enrolled_at IS NOT NULL AND (${ENROLMENT_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(
      ' OR ',
    )})
    BEGIN SELECT RAISE(ABORT, 'the enrolment is fixed'); END`),
  sql`CREATE TRIGGER sync_link_kept BEFORE DELETE ON sync_link
    BEGIN SELECT RAISE(ABORT, 'sync_link cannot be removed'); END`,
];

export const m0007SyncLink: Migration = {
  version: 7,
  name: 'sync_link',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
