import { z } from 'zod';
import { requireHex, toHex, utf8, type Bytes } from './bytes';
import { canonicalJson } from './canonical';
import { SyncFormatError } from './errors';
import { counterSchema, hex64Schema, instantSchema, uuidSchema } from './fields';
import { describe } from './header';
import { signBytes, verifyBytes } from './keys';
import { isPlainCounterToken, parseStrictJson } from './strict-json';

/**
 * The county's word that it stored one batch (docs/sync-format.md § Receipt). The desk marks a batch
 * delivered only on a receipt that verifies under the pinned county receipt key and names the batch's
 * device, epoch, seq and content hash.
 */
export const receiptSchema = z.strictObject({
  v: z.literal(1),
  device: uuidSchema,
  epoch: counterSchema,
  seq: counterSchema,
  hash: hex64Schema,
  receivedAt: instantSchema,
});

export type Receipt = z.infer<typeof receiptSchema>;

export const signedReceiptSchema = z.strictObject({
  receipt: receiptSchema,
  signature: z.string().regex(/^[0-9a-f]{128}$/, 'lowercase hex, 128 digits'),
});

export type SignedReceipt = z.infer<typeof signedReceiptSchema>;

/** The signed bytes: the canonical JSON of the receipt, UTF-8. */
export function receiptBytes(receipt: Receipt): Bytes {
  const checked = receiptSchema.safeParse(receipt);
  if (!checked.success) throw new SyncFormatError('INVALID_INPUT', describe(checked.error));
  return utf8(canonicalJson(checked.data));
}

export async function signReceipt(receipt: Receipt, countySigningKey: Uint8Array): Promise<SignedReceipt> {
  const signature = await signBytes(countySigningKey, receiptBytes(receipt));
  return { receipt: { ...receipt }, signature: toHex(signature) };
}

/** Returns the receipt if the county key signed it; BAD_SIGNATURE otherwise. */
export async function verifyReceipt(
  signed: SignedReceipt,
  countyReceiptPublicKey: Uint8Array,
): Promise<Receipt> {
  const checked = signedReceiptSchema.safeParse(signed);
  if (!checked.success) throw new SyncFormatError('MALFORMED', describe(checked.error));
  const signature = requireHex(checked.data.signature, 'receipt signature');
  if (!(await verifyBytes(countyReceiptPublicKey, signature, receiptBytes(checked.data.receipt)))) {
    throw new SyncFormatError('BAD_SIGNATURE', 'county receipt signature');
  }
  return checked.data.receipt;
}

/** The wire and file form: canonical JSON of { receipt, signature }. */
export function serializeSignedReceipt(signed: SignedReceipt): string {
  const checked = signedReceiptSchema.safeParse(signed);
  if (!checked.success) throw new SyncFormatError('INVALID_INPUT', describe(checked.error));
  return canonicalJson(checked.data);
}

/**
 * Reads the wire form. JSON whitespace between tokens is fine here (the signature covers the inner
 * canonical bytes); duplicate keys, bad escapes and non-RFC 8259 numbers are not, and the counters must be
 * plain integers.
 */
export function parseSignedReceipt(text: string): SignedReceipt {
  const { value, numbers } = parseStrictJson(text, 'receipt', { allowWhitespace: true });
  for (const counter of ['receipt.v', 'receipt.epoch', 'receipt.seq']) {
    const token = numbers.get(counter);
    if (token !== undefined && !isPlainCounterToken(token))
      throw new SyncFormatError('MALFORMED', `${counter} is not a plain integer`);
  }
  const checked = signedReceiptSchema.safeParse(value);
  if (!checked.success) throw new SyncFormatError('MALFORMED', describe(checked.error));
  return checked.data;
}
