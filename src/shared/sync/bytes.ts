import { SyncFormatError } from './errors';

/**
 * Byte helpers for the sync format. Every function returns a fresh, ArrayBuffer-backed copy so results can
 * go straight into WebCrypto and never alias the caller's buffer.
 */
export type Bytes = Uint8Array<ArrayBuffer>;

export function copyBytes(source: Uint8Array): Bytes {
  const out = new Uint8Array(source.length);
  out.set(source);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Strict: even length, hex digits only (either case). Returns undefined instead of guessing. */
export function fromHex(hex: string): Bytes | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Hex written into this code (a constant): a typo fails when the module loads, never as an empty key. */
export function hexConstant(hex: string): Bytes {
  const bytes = fromHex(hex);
  if (!bytes) throw new Error(`hex constant is not valid hex: ${hex}`);
  return bytes;
}

/** Hex that a schema already checked (a signature, a key field): MALFORMED naming `what` if it is not hex. */
export function requireHex(hex: string, what: string): Bytes {
  const bytes = fromHex(hex);
  if (!bytes) throw new SyncFormatError('MALFORMED', `${what} is not hex`);
  return bytes;
}

export function fromBase64Url(text: string): Bytes {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

export function utf8(text: string): Bytes {
  return copyBytes(new TextEncoder().encode(text));
}

export function u16be(value: number): Bytes {
  return new Uint8Array([(value >>> 8) & 0xff, value & 0xff]);
}

export function u32be(value: number): Bytes {
  return new Uint8Array([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}
