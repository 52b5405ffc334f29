import { z } from 'zod';
import { isStrictEd25519PublicKey } from './ed25519-checks';

/*
 * Enrolment: how a desk joins the county. The county admin runs `npm run county -- enrol
 * --station …`, which prints a one-time code; the desk's admin pastes it into 设置 → 同步. The code
 * carries the server address, a 128-bit one-time secret and the fingerprint of the server's TLS
 * certificate, so the desk's very first connection is already pinned (no trust-on-first-use). The county
 * keeps only SHA-256(secret). Over that pinned connection the desk sends the secret and its device public
 * key and gets back its device id and the county's keys; the admin then compares the fingerprints by
 * phone. Spec: docs/sync-format.md, "Enrolment".
 */

export const ENROLMENT_CODE_PREFIX = 'CDENROL1.';
export const ENROLMENT_PATH = '/v1/enrol';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), 'lowercase hex');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** https://host[:port] only: no path, query, fragment or credentials. */
export const serverUrlSchema = z
  .string()
  .max(200)
  .regex(/^https:\/\/[A-Za-z0-9.\-[\]:]+$/, 'https://host[:port]');

/** 64 hex of an Ed25519 public key a verifier accepts (docs/sync-format.md § Strictness). */
const ed25519PublicKeyHex = hex(32).refine(
  (text) => isStrictEd25519PublicKey(Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16))),
  'not a usable Ed25519 public key',
);

export const enrolmentCodeSchema = z.strictObject({
  /** Where the county server listens. */
  url: serverUrlSchema,
  /** The one-time secret, 16 random bytes. */
  secret: hex(16),
  /** hex SHA-256 of the server certificate (DER): the pin for every connection. */
  tls: hex(32),
});
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

/** Body of POST /v1/enrol. */
export const enrolRequestSchema = z.strictObject({
  secret: hex(16),
  /** The desk's raw Ed25519 public key: canonical, of large order (ed25519-checks.ts). */
  devicePublicKey: ed25519PublicKeyHex,
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** 200 answer to POST /v1/enrol (the same answer again for the same secret and key). */
export const enrolResponseSchema = z.strictObject({
  deviceId: uuid,
  /** The station name the county gave this code (shown to the desk admin; never in a batch header). */
  station: z.string().min(1).max(100),
  countyPublicKey: hex(32),
  countyReceiptKey: ed25519PublicKeyHex,
  /** fingerprint() of countyPublicKey: what batch headers carry. */
  countyFingerprint: hex(32),
  receiptFingerprint: hex(32),
  /** The TLS certificate fingerprint the server believes it has; must equal the code's. */
  tlsFingerprint: hex(32),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The printable code: prefix + base64url (no padding) of the JSON {secret, tls, url} in that key order. */
export function encodeEnrolmentCode(code: EnrolmentCode): string {
  const parsed = enrolmentCodeSchema.parse(code);
  return `${ENROLMENT_CODE_PREFIX}${toBase64Url(
    JSON.stringify({ secret: parsed.secret, tls: parsed.tls, url: parsed.url }),
  )}`;
}

/** Reads a pasted code (whitespace and line breaks anywhere are ignored); null when it is not one. */
export function decodeEnrolmentCode(text: string): EnrolmentCode | null {
  const compact = text.replace(/\s+/g, '');
  if (!compact.startsWith(ENROLMENT_CODE_PREFIX)) return null;
  const json = fromBase64Url(compact.slice(ENROLMENT_CODE_PREFIX.length));
  if (json === null) return null;
  try {
    const result = enrolmentCodeSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
