import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CountyError } from '../errors';

/*
 * Per-row sealing of county_rows.row_json on PostgreSQL, where the database itself is not encrypted:
 * AES-256-GCM under a row key derived from the county database key (HKDF-SHA256), a fresh 96-bit IV per
 * write, and associated data that binds the ciphertext to its place (device, table, row id), so a sealed
 * row copied onto another row does not open. Stored form (text column):
 *
 *   cdrow1:<base64( iv[12] ‖ ciphertext ‖ tag[16] )>
 *
 * On SQLite the whole file is SQLCipher-encrypted, so the codec there is the identity.
 */

export const DATABASE_KEY_BYTES = 32;
export const SEALED_ROW_PREFIX = 'cdrow1:';
const ROW_KEY_INFO = 'counseldesk county rows v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Which row a sealed value belongs to (bound as associated data). */
export interface RowRef {
  device: string;
  table: string;
  id: string;
}

export interface RowCodec {
  /** True when values are sealed (PostgreSQL with the key). */
  readonly sealing: boolean;
  /** The value to store for a row's JSON text (a string, or its UTF-8 bytes). */
  seal(ref: RowRef, json: string | Uint8Array): string;
  /** The JSON text of a stored value (DATABASE_LOCKED if it does not open). */
  open(ref: RowRef, stored: string): string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const clearRowCodec: RowCodec = {
  sealing: false,
  seal: (_ref, json) => (typeof json === 'string' ? json : utf8.decode(json)),
  open: (_ref, stored) => stored,
};

/** PostgreSQL opened without the county database key: rows can be neither sealed nor opened. */
export const unkeyedRowCodec: RowCodec = {
  sealing: false,
  seal: () => {
    throw new CountyError('DATABASE_LOCKED', 'county rows need the county database key');
  },
  open: () => {
    throw new CountyError('DATABASE_LOCKED', 'county rows need the county database key');
  },
};

function associatedData(ref: RowRef): Buffer {
  return Buffer.from(['counseldesk-county-row', 'v1', ref.device, ref.table, ref.id].join('\u0000'), 'utf8');
}

export function sealedRowCodec(databaseKey: Uint8Array): RowCodec {
  if (databaseKey.length !== DATABASE_KEY_BYTES) throw new RangeError('county database key must be 32 bytes');
  const key = Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), ROW_KEY_INFO, 32));
  return {
    sealing: true,
    seal(ref, json) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(ref));
      const text = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
      const body = Buffer.concat([cipher.update(text), cipher.final()]);
      return SEALED_ROW_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    },
    open(ref, stored) {
      if (!stored.startsWith(SEALED_ROW_PREFIX)) {
        throw new CountyError('DATABASE_LOCKED', 'a county row is not sealed');
      }
      const bytes = Buffer.from(stored.slice(SEALED_ROW_PREFIX.length), 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES)
        throw new CountyError('DATABASE_LOCKED', 'a sealed row is cut short');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(associatedData(ref));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new CountyError('DATABASE_LOCKED', 'a sealed row does not open with this key');
      }
    },
  };
}
