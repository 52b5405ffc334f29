import { z } from 'zod';
import { equalBytes, utf8, type Bytes } from './bytes';
import { canonicalJson } from './canonical';
import { SyncFormatError } from './errors';
import { counterSchema, hex64Schema, instantSchema, uuidSchema } from './fields';

/** Byte 4 of every envelope and the header's `v`. */
export const FORMAT_VERSION = 1;

/** The only suite today. A 国密 (SM2/SM3/SM4) suite would get its own name and code path. */
export const SUITE = 'hpke-x25519-sha256-aes256gcm+ed25519';

/** `prev` of the first batch of an epoch. */
export const ZERO_HASH = '0'.repeat(64);

/** A real header is ~330 bytes; the cap stops a hostile length from making a parser read far. */
export const MAX_HEADER_BYTES = 4096;

/**
 * The clear header. It is the HPKE associated data, so nothing here may be personal: ids, counters,
 * hashes and a timestamp only (docs/sync-format.md § Header).
 */
export const batchHeaderSchema = z
  .strictObject({
    v: z.literal(FORMAT_VERSION),
    suite: z.literal(SUITE),
    device: uuidSchema,
    epoch: counterSchema,
    seq: counterSchema,
    prev: hex64Schema,
    count: counterSchema,
    createdAt: instantSchema,
    countyKey: hex64Schema,
    compression: z.literal('gzip'),
    /**
     * The desk's audit chain head when the batch was sealed: the newest entry's seq (0 for an empty log)
     * and its hash (64 zeros when 0). The county keeps the newest per device and flags a chain that went
     * backwards or was rewritten (docs/sync-format.md § Header).
     */
    auditSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    auditHead: hex64Schema,
  })
  .refine((header) => (header.seq === 1) === (header.prev === ZERO_HASH), {
    message: 'prev is 64 zeros exactly when seq is 1',
    path: ['prev'],
  })
  .refine((header) => (header.auditSeq === 0) === (header.auditHead === ZERO_HASH), {
    message: 'auditHead is 64 zeros exactly when auditSeq is 0',
    path: ['auditHead'],
  });

export type BatchHeader = z.infer<typeof batchHeaderSchema>;

/** Canonical UTF-8 bytes of a header (validated first, so only parseable headers are ever written). */
export function encodeHeader(header: BatchHeader): Bytes {
  const checked = batchHeaderSchema.safeParse(header);
  if (!checked.success) throw new SyncFormatError('INVALID_INPUT', describe(checked.error));
  return utf8(canonicalJson(checked.data));
}

/**
 * Strict reading: UTF-8 without BOM, a JSON object, a known version and suite, the schema, and bytes that
 * are exactly the canonical encoding (so there is one byte string per header, and no duplicate keys,
 * whitespace or alternative escapes can smuggle a second meaning past the signature check).
 */
export function decodeHeader(bytes: Uint8Array): BatchHeader {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    throw new SyncFormatError('MALFORMED', 'header is not UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyncFormatError('MALFORMED', 'header is not a JSON object');
  }
  const fields = value as Record<string, unknown>;
  if (fields.v !== FORMAT_VERSION) throw new SyncFormatError('UNSUPPORTED_VERSION', 'header v');
  if (fields.suite !== SUITE) throw new SyncFormatError('UNSUPPORTED_SUITE', 'header suite');
  const checked = batchHeaderSchema.safeParse(value);
  if (!checked.success) throw new SyncFormatError('MALFORMED', describe(checked.error));
  if (!equalBytes(utf8(canonicalJson(checked.data)), bytes)) {
    throw new SyncFormatError('MALFORMED', 'header is not canonical JSON');
  }
  return checked.data;
}

/** Field paths only: values could be anything an attacker sent. */
export function describe(error: z.ZodError): string {
  const paths = error.issues.map((issue) => issue.path.join('.') || '(root)');
  return `invalid field(s): ${[...new Set(paths)].join(', ')}`;
}
