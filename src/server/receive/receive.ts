import type { Kysely, Transaction } from 'kysely';
import {
  KEY_LENGTH,
  envelopeHash,
  fromHex,
  isSyncFormatError,
  parseEnvelope,
  parseSignedReceipt,
  serializeSignedReceipt,
  signReceipt,
  verifyEnvelope,
  type BatchHeader,
  type SignedReceipt,
} from '../../shared/sync';
import { CountyError, isCountyError } from '../errors';
import type { CountyKeys } from '../county';
import type { CountyDB, CountyStore } from '../store';

/** The largest batch file the county accepts, over HTTP and from a USB stick alike. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Where a batch was sent: the URL path for HTTP, the file name for the USB courier. */
export interface BatchAddress {
  device: string;
  epoch: number;
  seq: number;
}

export interface ReceiveResult {
  signed: SignedReceipt;
  /** The receipt's wire form, byte for byte what a replay of the same batch gets again. */
  text: string;
  /** False when these exact bytes had already been stored (an idempotent replay). */
  stored: boolean;
}

export interface ReceiveOptions {
  now?: () => Date;
}

/**
 * The one verify-and-store path for HTTP and USB import. The receipt is returned only once the
 * transaction that stores the envelope and the receipt has committed — durably: the SQLite store runs
 * synchronous=FULL, PostgreSQL's commit is durable — so a desk never prunes a batch the county could still
 * lose. A revoked device is refused (DEVICE_REVOKED) before anything is stored. Order matters: cheap, content-free checks first;
 * the signature before anything is looked up by header fields; the replay check before the chain check
 * (a replay's seq is taken, so it could never be "next"). Throws SyncFormatError (malformed, bad
 * signature …) or CountyError; stores nothing unless every check passed. Decryption is ingest's job.
 */
export async function receiveBatch(
  store: CountyStore,
  keys: CountyKeys,
  address: BatchAddress,
  bytes: Uint8Array,
  options: ReceiveOptions = {},
): Promise<ReceiveResult> {
  const parsed = parseEnvelope(bytes);
  const { header } = parsed;
  if (header.device !== address.device || header.epoch !== address.epoch || header.seq !== address.seq) {
    throw new CountyError('ADDRESS_MISMATCH', 'header device, epoch or seq differs from the address');
  }
  const device = await store.db
    .selectFrom('devices')
    .select(['public_key', 'revoked_at'])
    .where('id', '=', header.device)
    .executeTakeFirst();
  if (!device) throw new CountyError('UNKNOWN_DEVICE', 'device is not enrolled');
  if (device.revoked_at !== null) {
    throw new CountyError('DEVICE_REVOKED', 'this device was revoked by the county');
  }
  await verifyEnvelope(parsed, enrolledKey(device.public_key));
  if (header.countyKey !== keys.fingerprint) {
    throw new CountyError('WRONG_COUNTY_KEY', 'header countyKey is not this county');
  }
  const hash = await envelopeHash(bytes);

  try {
    return await storeOnce(store.db, address, header, hash, bytes, keys, options);
  } catch (e) {
    if (isSyncFormatError(e) || (isCountyError(e) && e.code !== 'SEQUENCE_GAP')) throw e;
    // SQLite serializes kysely transactions on its one connection, so check-then-insert cannot race there.
    // With a pooled database (PostgreSQL) a concurrent delivery of the same seq can win between our check
    // and insert; UNIQUE(device, epoch, seq) refuses ours, and the winner's row decides the answer. If it
    // committed between our receipt check and our look at the last envelope, our seq looks already passed
    // (SEQUENCE_GAP): the winner's row decides that answer too.
    const taken = await takenReceipt(store.db, address);
    if (!taken) throw e;
    if (taken.hash !== hash) throw new CountyError('CONFLICT', 'another batch holds this sequence number');
    return { signed: parseSignedReceipt(taken.signed), text: taken.signed, stored: false };
  }
}

/** The device key as enrolment stored it; a damaged one is said so, not taken for a bad signature. */
function enrolledKey(hex: string): Uint8Array {
  const key = fromHex(hex);
  if (!key || key.length !== KEY_LENGTH) {
    throw new CountyError('DEVICE_KEY_CORRUPT', 'the stored public key of this device is damaged');
  }
  return key;
}

async function storeOnce(
  db: Kysely<CountyDB>,
  address: BatchAddress,
  header: Pick<BatchHeader, 'prev' | 'auditSeq' | 'auditHead'>,
  hash: string,
  bytes: Uint8Array,
  keys: CountyKeys,
  options: ReceiveOptions,
): Promise<ReceiveResult> {
  return db.transaction().execute(async (trx) => {
    const taken = await takenReceipt(trx, address);
    if (taken) {
      if (taken.hash !== hash) throw new CountyError('CONFLICT', 'another batch holds this sequence number');
      return { signed: parseSignedReceipt(taken.signed), text: taken.signed, stored: false };
    }
    const last = await trx
      .selectFrom('envelopes')
      .select(['seq', 'hash'])
      .where('device', '=', address.device)
      .where('epoch', '=', address.epoch)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const lastSeq = last ? Number(last.seq) : 0;
    if (address.seq !== lastSeq + 1) {
      throw new CountyError('SEQUENCE_GAP', `expected seq ${lastSeq + 1}`);
    }
    // seq 1 has prev = ZERO_HASH (enforced by the header schema); later ones chain to the stored batch.
    if (last && header.prev !== last.hash) {
      throw new CountyError('CHAIN_BROKEN', 'prev is not the hash of the previous batch');
    }
    const receivedAt = (options.now?.() ?? new Date()).toISOString();
    const signed = await signReceipt(
      { v: 1, device: address.device, epoch: address.epoch, seq: address.seq, hash, receivedAt },
      keys.signing.privateKey,
    );
    const text = serializeSignedReceipt(signed);
    await trx
      .insertInto('envelopes')
      .values({ ...address, hash, bytes: Buffer.from(bytes), received_at: receivedAt })
      .execute();
    await trx
      .insertInto('receipts')
      .values({ ...address, hash, signed: text })
      .execute();
    await recordAuditHead(trx, address.device, header, receivedAt);
    return { signed, text, stored: true };
  });
}

async function takenReceipt(
  db: Kysely<CountyDB>,
  address: BatchAddress,
): Promise<{ hash: string; signed: string } | undefined> {
  return db
    .selectFrom('receipts')
    .select(['hash', 'signed'])
    .where('device', '=', address.device)
    .where('epoch', '=', address.epoch)
    .where('seq', '=', address.seq)
    .executeTakeFirst();
}

/**
 * Keeps the newest audit chain head of the device and flags one that went backwards (a lower seq) or was
 * rewritten (the same seq, another hash). A flag never refuses the batch — the data still counts — it
 * asks an operator to look (county report); the first flag's time is kept.
 */
async function recordAuditHead(
  trx: Transaction<CountyDB>,
  device: string,
  header: Pick<BatchHeader, 'auditSeq' | 'auditHead'>,
  at: string,
): Promise<void> {
  const known = await trx
    .selectFrom('audit_heads')
    .select(['audit_seq', 'audit_head', 'flag'])
    .where('device', '=', device)
    .executeTakeFirst();
  if (!known) {
    await trx
      .insertInto('audit_heads')
      .values({
        device,
        audit_seq: header.auditSeq,
        audit_head: header.auditHead,
        flag: null,
        flagged_at: null,
        updated_at: at,
      })
      .execute();
    return;
  }
  const knownSeq = Number(known.audit_seq);
  const flag =
    header.auditSeq < knownSeq
      ? 'backwards'
      : header.auditSeq === knownSeq && header.auditHead !== known.audit_head
        ? 'rewritten'
        : null;
  if (flag) {
    if (known.flag === null)
      await trx
        .updateTable('audit_heads')
        .set({ flag, flagged_at: at, updated_at: at })
        .where('device', '=', device)
        .execute();
    return;
  }
  if (header.auditSeq > knownSeq)
    await trx
      .updateTable('audit_heads')
      .set({ audit_seq: header.auditSeq, audit_head: header.auditHead, updated_at: at })
      .where('device', '=', device)
      .execute();
}
