import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { DB, Db } from '../db';
import type { SyncStateRow } from './sync.table';
import {
  KEY_LENGTH,
  ZERO_HASH,
  fingerprint,
  fromHex,
  generateSigningKeyPair,
  toHex,
  type Bytes,
  type RawKeyPair,
} from '../../shared/sync';
import { DeskSyncError } from './errors';

/** Which raw key of sync_state: this desk's Ed25519 seed, the county's X25519 key, its receipt key. */
export type StoredKeyName = 'device' | 'county' | 'receipt';

/**
 * A key as sync_state keeps it (hex of 32 bytes). A damaged one stops sync right here with its own error,
 * before anything is sealed, sent or marked — not later as a signature that "does not verify".
 */
export function storedKey(hex: string, key: StoredKeyName): Bytes {
  const bytes = fromHex(hex);
  if (!bytes || bytes.length !== KEY_LENGTH) throw new DomainError('SYNC_KEY_CORRUPT', { key });
  return bytes;
}

/**
 * Creates the single sync_state row with a fresh device key, epoch 1 and seq 1, unless it exists.
 * Returns the row either way (idempotent: a second call never replaces the key).
 */
export async function initSyncState(
  db: Kysely<DB>,
  input: { deviceId: string; now: string },
): Promise<SyncStateRow> {
  const pair = await generateSigningKeyPair();
  await db
    .insertInto('sync_state')
    .values({
      id: 1,
      device_id: input.deviceId,
      device_private_key: toHex(pair.privateKey),
      device_public_key: toHex(pair.publicKey),
      epoch: 1,
      next_seq: 1,
      last_hash: ZERO_HASH,
      county_public_key: null,
      county_receipt_key: null,
      county_fingerprint: null,
      county_receipt_fingerprint: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return readSyncState(db);
}

/**
 * Enrolment's variant of initSyncState: the device key generated for the enrolment request, the device id
 * the county assigned and the county's keys, pinned at once. Inside the enrolment transaction; fails
 * (UNIQUE) if a sync_state row exists, so an enrolled desk's key is never replaced.
 */
export async function createEnrolledSyncState(
  trx: Transaction<DB>,
  input: {
    deviceId: string;
    deviceKey: RawKeyPair;
    countyPublicKey: Uint8Array;
    countyReceiptKey: Uint8Array;
    now: string;
  },
): Promise<SyncStateRow> {
  await trx
    .insertInto('sync_state')
    .values({
      id: 1,
      device_id: input.deviceId,
      device_private_key: toHex(input.deviceKey.privateKey),
      device_public_key: toHex(input.deviceKey.publicKey),
      epoch: 1,
      next_seq: 1,
      last_hash: ZERO_HASH,
      county_public_key: toHex(input.countyPublicKey),
      county_receipt_key: toHex(input.countyReceiptKey),
      county_fingerprint: await fingerprint(input.countyPublicKey),
      county_receipt_fingerprint: await fingerprint(input.countyReceiptKey),
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return readSyncState(trx);
}

/** The sync_state row, or null before enrolment. */
export async function findSyncState(db: Db): Promise<SyncStateRow | null> {
  return (await db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
}

export async function readSyncState(db: Db): Promise<SyncStateRow> {
  const row = await db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) throw new DeskSyncError('NOT_INITIALIZED', 'no sync state');
  return row;
}

/** Pins the county's keys (after the fingerprints were compared by phone at enrolment). */
export async function pinCountyKeys(
  db: Kysely<DB>,
  input: { countyPublicKey: Uint8Array; countyReceiptKey: Uint8Array; now: string },
): Promise<void> {
  await readSyncState(db);
  await db
    .updateTable('sync_state')
    .set({
      county_public_key: toHex(input.countyPublicKey),
      county_receipt_key: toHex(input.countyReceiptKey),
      county_fingerprint: await fingerprint(input.countyPublicKey),
      county_receipt_fingerprint: await fingerprint(input.countyReceiptKey),
      updated_at: input.now,
    })
    .where('id', '=', 1)
    .execute();
}
