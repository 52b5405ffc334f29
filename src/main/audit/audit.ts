import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import {
  AuditActionSchema,
  AuditEntrySchema,
  AuditFilterSchema,
  type AuditAction,
  type AuditEntry,
  type AuditVerification,
} from '../../shared/audit';
import type { SessionUser } from '../../shared/users';
import type { AuditLogRow } from './audit.table';
import type { DB } from '../db';

/*
 * The hash-chained audit log (ARCHITECTURE.md "Local store").
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
 * off the end, nor a full rewrite by someone holding the key — that needs an anchor outside the desk
 * (the county copy, once sync ships).
 */

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditInput {
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  /** Keys whose value is undefined are left out (as JSON.stringify would). */
  detail?: Record<string, string | number | boolean | null | undefined>;
}

/** The audit fields naming who acted. */
export function actorOf(user: SessionUser): Pick<AuditInput, 'actorId' | 'actorName'> {
  return { actorId: user.id, actorName: user.displayName };
}

/** What the IPC layer parses (page and pageSize may be omitted). */
export type AuditFilterInput = z.input<typeof AuditFilterSchema>;

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Appends one entry. The last hash is read in the same transaction as the insert: pass the caller's
 * transaction so the entry commits (or rolls back) with the change it records; given a plain Kysely,
 * a transaction is opened here.
 */
export async function appendAudit(trx: Db, entry: AuditInput, at: Date): Promise<AuditEntry> {
  if (!trx.isTransaction) return trx.transaction().execute((t) => appendAudit(t, entry, at));

  const action = AuditActionSchema.parse(entry.action);
  const detail = cleanDetail(entry.detail ?? {});
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const content: ChainedContent = {
    seq: last ? last.seq + 1 : 1,
    at: at.toISOString(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail,
  };
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const hash = chainHash(prevHash, content);
  await trx
    .insertInto('audit_log')
    .values({
      seq: content.seq,
      at: content.at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      target_type: content.targetType,
      target_id: content.targetId,
      detail: canonicalJson(detail),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { ...content, action, hash };
}

/** Newest first. from/to are the office's local dates (China Standard Time, UTC+8), both inclusive. */
export async function listAudit(
  db: Db,
  filter: AuditFilterInput,
): Promise<{ rows: AuditEntry[]; total: number }> {
  const f = AuditFilterSchema.parse(filter);
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', cstDayStart(f.from, 0));
  if (f.to) q = q.where('at', '<', cstDayStart(f.to, 1));
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);

  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows.map(toEntry), total: Number(count.n) };
}

const VERIFY_PAGE = 500;

/** Walks the whole log in seq order, a page at a time, and reports the first entry that breaks the chain. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const count = Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let expectedSeq = 1;
  let expectedPrev = AUDIT_GENESIS_HASH;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(VERIFY_PAGE)
      .execute();
    for (const row of page) {
      // A gap means an entry was removed: the first missing seq is where the chain breaks.
      if (row.seq !== expectedSeq) return { intact: false, count, firstBrokenSeq: expectedSeq };
      if (row.prev_hash !== expectedPrev || recomputeHash(row) !== row.hash) {
        return { intact: false, count, firstBrokenSeq: row.seq };
      }
      expectedSeq++;
      expectedPrev = row.hash;
    }
    if (page.length < VERIFY_PAGE) return { intact: true, count };
  }
}

// ── canonical form ───────────────────────────────────────────────────────────────────────────────────

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

function recomputeHash(row: AuditLogRow): string | null {
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

function cleanDetail(input: NonNullable<AuditInput['detail']>): AuditDetail {
  const detail: AuditDetail = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError('audit detail: non-finite number');
    detail[key] = value;
  }
  return detail;
}

function toEntry(row: AuditLogRow): AuditEntry {
  return AuditEntrySchema.parse({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    detail: JSON.parse(row.detail) as unknown,
    hash: row.hash,
  });
}

/** The UTC instant at which a China Standard Time calendar day (plus `addDays`) begins. */
function cstDayStart(localDate: string, addDays: number): string {
  const start = Date.parse(`${localDate}T00:00:00+08:00`) + addDays * 86_400_000;
  return new Date(start).toISOString();
}
