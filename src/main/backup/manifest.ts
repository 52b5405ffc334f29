import { z } from 'zod';
import { BackupReasonSchema, type BackupReason } from '../../shared/backup';

/*
 * The content of a desk backup (docs/archive-format.md "Backup content"): one manifest line — a JSON
 * object, these keys in this order, UTF-8, ended by one "\n" — then every byte of the SQLCipher database
 * file. The manifest holds counters, a time, the device id and the reason; nothing personal.
 */

export const MANIFEST_FORMAT_VERSION = 1;
/** A manifest longer than this is not one (a reader stops looking for its "\n" there). */
export const MAX_MANIFEST_BYTES = 4096;

export const ManifestSchema = z.strictObject({
  type: z.literal('manifest'),
  formatVersion: z.number().int().min(1),
  createdAt: z.string().datetime(),
  schemaVersion: z.number().int().min(1),
  deviceId: z.string().min(1).max(64),
  reason: BackupReasonSchema,
  dbBytes: z.number().int().min(512),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function encodeManifest(m: {
  createdAt: Date;
  schemaVersion: number;
  deviceId: string;
  reason: BackupReason;
  dbBytes: number;
}): Buffer {
  const line = {
    type: 'manifest',
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: m.createdAt.toISOString(),
    schemaVersion: m.schemaVersion,
    deviceId: m.deviceId,
    reason: m.reason,
    dbBytes: m.dbBytes,
  };
  return Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
}

/** The manifest of a first line; 'newer' for a later format version; null when it is not a manifest. */
export function parseManifest(line: Buffer): Manifest | 'newer' | null {
  let json: unknown;
  try {
    json = JSON.parse(line.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) return null;
  return parsed.data.formatVersion > MANIFEST_FORMAT_VERSION ? 'newer' : parsed.data;
}
