import type { Transaction } from 'kysely';
import type { SessionUser } from '../../shared/users';
import type { DB } from '../db';
import { actorOf, appendAudit } from './audit.repository';

/*
 * Reads of lists that show many cases at once (the case list, search results, referral lists) are audited,
 * coalesced: one entry per user, list kind and set of filters (and case, for a case's referrals) per
 * LIST_AUDIT_MINUTES. Turning pages, re-sorting, or the screen re-reading after a write adds nothing; a new
 * kind of filter, another case, or the same list after the window does. The entry names the list, the
 * NAMES of the filters used, and counts — never a filter's value (search text may be a name or an ID
 * number), so nothing personal is written (docs/architecture.md "Audit log").
 */

export const LIST_AUDIT_MINUTES = 10;

export type ListKind = 'cases' | 'search' | 'referrals';

const ACTION_OF = {
  cases: 'case.list_viewed',
  search: 'case.search_performed',
  referrals: 'referral.list_viewed',
} as const satisfies Record<ListKind, string>;

export interface ListRead {
  list: ListKind;
  /** Names of the filters in use (e.g. 'registrationStatus'), never their values; order does not matter. */
  filters: readonly string[];
  /** The one case the list is about (a case's referrals), if any. */
  caseId?: string | null;
  /** Rows shown by this read. */
  count: number;
  /** All matching rows, when the list knows it. */
  total?: number;
}

/**
 * Audits a list read inside the read's own transaction unless the same user already read the same list
 * with the same filters within the window. Returns whether an entry was written.
 */
export async function auditListRead(
  trx: Transaction<DB>,
  user: SessionUser,
  read: ListRead,
  now: Date,
): Promise<boolean> {
  const action = ACTION_OF[read.list];
  const filters = [...new Set(read.filters)].sort().join(',');
  const caseId = read.caseId ?? null;
  const since = new Date(now.getTime() - LIST_AUDIT_MINUTES * 60_000).toISOString();
  // The window's first entry (audit_log_at), then this actor's entries from there on (audit_log_actor):
  // bounded by the window, however long the actor's history is.
  const first = await trx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min<number | null>('seq').as('seq'))
    .where('at', '>=', since)
    .executeTakeFirst();
  if (first?.seq != null) {
    const recent = await trx
      .selectFrom('audit_log')
      .select('detail')
      .where('actor_id', '=', user.id)
      .where('seq', '>=', first.seq)
      .where('action', '=', action)
      .where('at', '>=', since)
      .execute();
    const seen = recent.some((r) => {
      const d = JSON.parse(r.detail) as Record<string, unknown>;
      return d['filters'] === filters && (d['caseId'] ?? null) === caseId;
    });
    if (seen) return false;
  }
  await appendAudit(
    trx,
    {
      ...actorOf(user),
      action,
      targetType: caseId ? 'case' : null,
      targetId: caseId,
      detail: { list: read.list, filters, caseId: caseId ?? undefined, count: read.count, total: read.total },
    },
    now,
  );
  return true;
}
