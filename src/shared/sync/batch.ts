import { concatBytes, copyBytes, toHex, utf8, type Bytes } from './bytes';
import { SyncFormatError } from './errors';
import { encodeUnsigned, type ParsedEnvelope } from './envelope';
import { SUITE, FORMAT_VERSION, ZERO_HASH, encodeHeader, type BatchHeader } from './header';
import {
  encryptionPublicKey,
  fingerprint,
  hpkeSuite,
  importEncryptionPrivateKey,
  importEncryptionPublicKey,
  sha256,
  signBytes,
  verifyBytes,
} from './keys';

/** RFC 9180 `info`: binds every key schedule to this protocol and version. */
export const HPKE_INFO = utf8('counseldesk-sync-v1');

export type SealHeaderFields = Omit<
  BatchHeader,
  'v' | 'suite' | 'countyKey' | 'compression' | 'auditSeq' | 'auditHead'
> & {
  /** Computed from countyPublicKey; if given it must match (catches a pinning mix-up early). */
  countyKey?: string;
  compression?: BatchHeader['compression'];
  /** The desk's audit chain head at sealing; an empty chain (0, zero hash) when not given. */
  auditSeq?: number;
  auditHead?: string;
};

export interface SealBatchInput extends SealHeaderFields {
  /** The already compressed (gzip) batch body; this module never looks inside. */
  plaintext: Uint8Array;
  /** Raw X25519 public key of the county (32 bytes). */
  countyPublicKey: Uint8Array;
  /** Raw Ed25519 seed of this desk's device key (32 bytes). */
  deviceSigningKey: Uint8Array;
  /**
   * Test vectors only (docs/sync-format.md § Test vectors): the HPKE `ikmE` the ephemeral key is derived
   * from (RFC 9180 DeriveKeyPair), so a vector can be re-derived byte for byte. Never set by the desk:
   * without it every batch gets a fresh random ephemeral key.
   */
  ephemeralIkm?: Uint8Array;
}

export interface SealedBatch {
  bytes: Bytes;
  /** Lowercase hex SHA-256 of `bytes`: the next batch's `prev` and the receipt's `hash`. */
  hash: string;
  header: BatchHeader;
}

/** SHA-256 of a whole envelope, lowercase hex. */
export async function envelopeHash(bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(bytes));
}

/** Builds, encrypts and signs one batch envelope (docs/sync-format.md § Sealing). */
export async function sealBatch(input: SealBatchInput): Promise<SealedBatch> {
  const countyKey = await fingerprint(input.countyPublicKey);
  if (input.countyKey !== undefined && input.countyKey !== countyKey) {
    throw new SyncFormatError('INVALID_INPUT', 'countyKey is not the fingerprint of countyPublicKey');
  }
  const header: BatchHeader = {
    v: FORMAT_VERSION,
    suite: SUITE,
    device: input.device,
    epoch: input.epoch,
    seq: input.seq,
    prev: input.prev,
    count: input.count,
    createdAt: input.createdAt,
    countyKey,
    compression: input.compression ?? 'gzip',
    auditSeq: input.auditSeq ?? 0,
    auditHead: input.auditHead ?? ZERO_HASH,
  };
  const headerBytes = encodeHeader(header);
  const recipientPublicKey = await importEncryptionPublicKey(input.countyPublicKey);
  const hpke = hpkeSuite();
  const sealed = await hpke.seal(
    input.ephemeralIkm
      ? { recipientPublicKey, info: HPKE_INFO, ekm: copyBytes(input.ephemeralIkm) }
      : { recipientPublicKey, info: HPKE_INFO },
    copyBytes(input.plaintext),
    headerBytes,
  );
  const unsigned = encodeUnsigned({
    headerBytes,
    enc: new Uint8Array(sealed.enc),
    ciphertext: new Uint8Array(sealed.ct),
  });
  const bytes = concatBytes(unsigned, await signBytes(input.deviceSigningKey, unsigned));
  return { bytes, hash: await envelopeHash(bytes), header };
}

/** Throws BAD_SIGNATURE unless the device key signed exactly these bytes. */
export async function verifyEnvelope(parsed: ParsedEnvelope, devicePublicKey: Uint8Array): Promise<void> {
  if (!(await verifyBytes(devicePublicKey, parsed.signature, parsed.signedBytes))) {
    throw new SyncFormatError('BAD_SIGNATURE', 'device signature');
  }
}

/**
 * Decrypts a parsed envelope with the county's raw X25519 private key. Checks the header's countyKey
 * first (WRONG_COUNTY_KEY) so a batch meant for another county is named as such. It does not verify the
 * signature: the receiver calls verifyEnvelope first with the enrolled device key.
 */
export async function openBatch(parsed: ParsedEnvelope, countyPrivateKey: Uint8Array): Promise<Bytes> {
  const ownFingerprint = await fingerprint(await encryptionPublicKey(countyPrivateKey));
  if (ownFingerprint !== parsed.header.countyKey) {
    throw new SyncFormatError('WRONG_COUNTY_KEY', 'header countyKey');
  }
  const recipientKey = await importEncryptionPrivateKey(countyPrivateKey);
  const hpke = hpkeSuite();
  try {
    const plaintext = await hpke.open(
      { recipientKey, enc: parsed.enc, info: HPKE_INFO },
      parsed.ciphertext,
      parsed.headerBytes,
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new SyncFormatError('DECRYPT_FAILED', 'HPKE open');
  }
}
