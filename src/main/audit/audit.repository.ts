import type { Insertable, Transaction } from 'kysely';
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
import type { DB, Db } from '../db';
import type { AuditLogRow, AuditLogTable } from './audit.table';
import {
  AUDIT_GENESIS_HASH,
  canonicalJson,
  chainHash,
  recomputeHash,
  type AuditDetail,
  type ChainedContent,
} from './chain';
import { checkAuditDetail, type AuditDetailInput } from './detail';

/* The audit log's queries: append (inside the caller's transaction), list, and walk the chain. */

export interface AuditInput {
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  /**
   * Ids, counts, codes only — keys from the allow-list in detail.ts (an unknown key is a compile error here
   * and a thrown AuditDetailRejected at run time). Keys whose value is undefined are left out.
   */
  detail?: AuditDetailInput;
}

/** The audit fields naming who acted. */
export function actorOf(user: SessionUser): Pick<AuditInput, 'actorId' | 'actorName'> {
  return { actorId: user.id, actorName: user.displayName };
}

/** What the IPC layer parses (page and pageSize may be omitted). */
export type AuditFilterInput = z.input<typeof AuditFilterSchema>;

/**
 * Appends one entry inside the caller's transaction, so the entry commits (or rolls back) with the change
 * it records; the last hash is read in that same transaction, so two appends can never fork the chain.
 */
export async function appendAudit(trx: Transaction<DB>, entry: AuditInput, at: Date): Promise<AuditEntry> {
  const [appended] = await appendAuditEntries(trx, [entry], at);
  if (!appended) throw new Error('no audit entry appended');
  return appended;
}

/** Rows per INSERT when many entries are appended at once (ten columns each: far below SQLite's limit). */
const AUDIT_INSERT_ROWS = 200;

/**
 * Appends entries in order, chained one to the next from the last hash (read once, in the caller's
 * transaction) — the same entries, seqs and hashes as appending them one by one, in a few statements (a
 * registration sweep after days off audits hundreds of status changes).
 */
export async function appendAuditEntries(
  trx: Transaction<DB>,
  entries: readonly AuditInput[],
  at: Date,
): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const appended: AuditEntry[] = [];
  const rows: Insertable<AuditLogTable>[] = [];
  for (const entry of entries) {
    const action = AuditActionSchema.parse(entry.action);
    const detail: AuditDetail = checkAuditDetail(entry.detail ?? {});
    const content: ChainedContent = {
      seq: ++seq,
      at: at.toISOString(),
      actorId: entry.actorId,
      actorName: entry.actorName,
      action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail,
    };
    const hash = chainHash(prevHash, content);
    rows.push({
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
    });
    appended.push({ ...content, action, hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_ROWS) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + AUDIT_INSERT_ROWS))
      .execute();
  }
  return appended;
}

/** Newest first. from/to are the office's local dates (China Standard Time, UTC+8), both inclusive. */
export function auditListQuery(db: Db, filter: z.output<typeof AuditFilterSchema>) {
  let q = db.selectFrom('audit_log');
  if (filter.from) q = q.where('at', '>=', cstDayStart(filter.from, 0));
  if (filter.to) q = q.where('at', '<', cstDayStart(filter.to, 1));
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  return q;
}

export async function listAudit(
  db: Db,
  filter: AuditFilterInput,
): Promise<{ rows: AuditEntry[]; total: number }> {
  const f = AuditFilterSchema.parse(filter);
  const q = auditListQuery(db, f);
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
/** The newest entry's seq and hash — the chain head every sync batch carries; (0, genesis) when empty. */
export async function auditChainHead(db: Db): Promise<{ seq: number; hash: string }> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: AUDIT_GENESIS_HASH };
}

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
