import { concatBytes, copyBytes, u16be, u32be, utf8, type Bytes } from './bytes';
import { SyncFormatError } from './errors';
import { FORMAT_VERSION, MAX_HEADER_BYTES, decodeHeader, type BatchHeader } from './header';

/**
 * The byte layout of a batch envelope (docs/sync-format.md § Envelope):
 *   'CDSB' ‖ version u8 ‖ header length u32 BE ‖ header ‖ enc length u16 BE ‖ enc
 *   ‖ ciphertext length u32 BE ‖ ciphertext ‖ Ed25519 signature (64 bytes)
 * The signature covers every byte before it. This file only moves bytes; batch.ts does the crypto.
 */
export const MAGIC = utf8('CDSB');
/** DHKEM(X25519) encapsulated key: the sender's ephemeral public key. */
export const ENC_LENGTH = 32;
/** AES-256-GCM tag, so the smallest ciphertext (of an empty plaintext). */
export const TAG_LENGTH = 16;
export const SIGNATURE_LENGTH = 64;

export interface ParsedEnvelope {
  header: BatchHeader;
  /** The header exactly as sent: HPKE associated data. */
  headerBytes: Bytes;
  enc: Bytes;
  ciphertext: Bytes;
  signature: Bytes;
  /** Everything before the signature: what the device signed. */
  signedBytes: Bytes;
}

export interface EnvelopeParts {
  headerBytes: Uint8Array;
  enc: Uint8Array;
  ciphertext: Uint8Array;
}

/** The signed part of an envelope; append the 64-byte signature to get the file. */
export function encodeUnsigned({ headerBytes, enc, ciphertext }: EnvelopeParts): Bytes {
  if (headerBytes.length > MAX_HEADER_BYTES) throw new SyncFormatError('INVALID_INPUT', 'header too long');
  if (enc.length !== ENC_LENGTH) throw new SyncFormatError('INVALID_INPUT', 'enc length');
  if (ciphertext.length < TAG_LENGTH || ciphertext.length > 0xffffffff) {
    throw new SyncFormatError('INVALID_INPUT', 'ciphertext length');
  }
  return concatBytes(
    MAGIC,
    new Uint8Array([FORMAT_VERSION]),
    u32be(headerBytes.length),
    headerBytes,
    u16be(enc.length),
    enc,
    u32be(ciphertext.length),
    ciphertext,
  );
}

/** Reads fields front to back; any read past the end is MALFORMED. */
class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(length: number, what: string): Bytes {
    if (length > this.remaining) throw new SyncFormatError('MALFORMED', `${what} runs past the end`);
    const out = copyBytes(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return out;
  }

  u8(what: string): number {
    return this.take(1, what)[0] ?? 0;
  }

  u16(what: string): number {
    const b = this.take(2, what);
    return ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  }

  u32(what: string): number {
    const b = this.take(4, what);
    return ((b[0] ?? 0) * 0x1000000 + (((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0))) >>> 0;
  }
}

/**
 * Strict parse: every length must match and nothing may follow the signature. Checks no signature and
 * decrypts nothing (verifyEnvelope, openBatch), but refuses unknown versions and suites up front.
 */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  const reader = new Reader(bytes);
  const magic = reader.take(MAGIC.length, 'magic');
  if (magic.some((byte, i) => byte !== MAGIC[i])) throw new SyncFormatError('MALFORMED', 'magic');
  if (reader.u8('version') !== FORMAT_VERSION)
    throw new SyncFormatError('UNSUPPORTED_VERSION', 'version byte');
  const headerLength = reader.u32('header length');
  if (headerLength > MAX_HEADER_BYTES) throw new SyncFormatError('MALFORMED', 'header length');
  const headerBytes = reader.take(headerLength, 'header');
  const header = decodeHeader(headerBytes);
  const encLength = reader.u16('enc length');
  if (encLength !== ENC_LENGTH) throw new SyncFormatError('MALFORMED', 'enc length');
  const enc = reader.take(encLength, 'enc');
  const ciphertextLength = reader.u32('ciphertext length');
  if (ciphertextLength < TAG_LENGTH) throw new SyncFormatError('MALFORMED', 'ciphertext length');
  const ciphertext = reader.take(ciphertextLength, 'ciphertext');
  const signedLength = reader.offset;
  const signature = reader.take(SIGNATURE_LENGTH, 'signature');
  if (reader.remaining !== 0) throw new SyncFormatError('MALFORMED', 'bytes after the signature');
  return {
    header,
    headerBytes,
    enc,
    ciphertext,
    signature,
    signedBytes: copyBytes(bytes.subarray(0, signedLength)),
  };
}
