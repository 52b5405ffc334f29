import { createHash } from 'node:crypto';
import { AuditEntrySchema } from '../../shared/audit';
import type { AuditLogRow } from './audit.table';

/*
 * The audit log's hash chain (docs/architecture.md "Audit log").
 *
 * Canonical form, version 1 — what each hash covers; an independent verifier needs exactly this:
 *   canonical = UTF-8 bytes of JSON.stringify(o), no whitespace, where o has exactly the keys
 *     action, actorId, actorName, at, detail, seq, targetId, targetType
 *   in that (sorted, UTF-16 code unit) order, and detail's own keys sorted the same way.
 *   seq is a JSON number; at is the stored ISO-8601 UTC instant (Date#toISOString, e.g.
 *   "2026-01-05T08:30:00.000Z"); an absent actor/target field is null; detail values are strings,
 *   finite numbers, booleans or null (JSON.stringify's number and string forms are deterministic).
 *   hash      = lowercase hex of SHA-256(prev_hash as its 32 raw bytes ‖ canonical)
 *   prev_hash = the previous entry's hash; for seq 1 it is 64 '0' characters (the genesis value).
 * The chain detects an edited, re-hashed or removed entry. It cannot detect the newest entries being cut
 * off the end, nor a full rewrite by someone holding the key, by itself: the anchor outside the desk is
 * the chain head every sync batch carries (auditChainHead → header auditSeq/auditHead), which the county
 * watches for a head that goes backwards or changes (docs/sync-format.md § Header).
 */

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface ChainedContent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: AuditDetail;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level and no whitespace. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(canonicalJson({ ...content }), 'utf8')
    .digest('hex');
}

/** The hash a stored row should carry; null when its detail is not even readable. */
export function recomputeHash(row: AuditLogRow): string | null {
  let detail: AuditDetail;
  try {
    detail = AuditEntrySchema.shape.detail.parse(JSON.parse(row.detail));
  } catch {
    return null;
  }
  return chainHash(row.prev_hash, {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    detail,
  });
}
