import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import { unreachable } from '../../shared/errors';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import type { CaseListRow, CaseSort, RiskFlag } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import type { DB } from '../db';
import type { CasePartyRow, CaseRow } from './cases.table';
import { caseVisibility } from './access';
import { displayNames, hidesContacts, maskedDocument } from './detail';
import type { DeskContext } from '../desk';
import { sweepRegistrations } from './registration';

/*
 * The case list: filters and sort on indexed columns of `cases` only (EXPLAIN QUERY PLAN is tested in
 * tests/integration/cases-list-plan.test.ts), then the page's parties and counsellors by primary key.
 * Rows carry masked document numbers and no phone when the case hides contacts (DV).
 */

type Db = Kysely<DB> | Transaction<DB>;
type CasesQuery = SelectQueryBuilder<DB, 'cases', object>;

const RISK_COLUMN: Record<
  RiskFlag,
  'risk_domestic_violence' | 'risk_self_harm' | 'risk_child' | 'risk_elderly'
> = {
  domesticViolence: 'risk_domestic_violence',
  selfHarm: 'risk_self_harm',
  childAtRisk: 'risk_child',
  elderlyAtRisk: 'risk_elderly',
};

export type CaseListInput = ChannelParsed<'cases.list'>;

/** The filtered, visible cases (no order, no paging): shared by the page and the count. */
export function filteredCases(db: Db, user: SessionUser, f: CaseListInput): CasesQuery {
  let q: CasesQuery = db
    .selectFrom('cases')
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user));
  if (f.type) q = q.where('cases.type', '=', f.type);
  if (f.registrationStatus) q = q.where('cases.registration_status', '=', f.registrationStatus);
  if (f.counsellorId) q = q.where('cases.counsellor_id', '=', f.counsellorId);
  if (f.receivedFrom) q = q.where('cases.received_date', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('cases.received_date', '<=', f.receivedTo);
  for (const flag of new Set(f.risk ?? [])) {
    q =
      flag === 'domesticViolence'
        ? q.where((eb) =>
            eb.or([eb('cases.risk_domestic_violence', '=', 1), eb('cases.dv_disclosed', '=', 1)]),
          )
        : q.where(`cases.${RISK_COLUMN[flag]}`, '=', 1);
  }
  return q;
}

/** Each sort ends on a unique column so pages never overlap. */
export function orderCases<O>(
  q: SelectQueryBuilder<DB, 'cases', O>,
  sort: CaseSort,
): SelectQueryBuilder<DB, 'cases', O> {
  switch (sort) {
    case 'received_desc':
      return q.orderBy('cases.received_date', 'desc').orderBy('cases.id', 'desc');
    case 'deadline_asc':
      // Matches the expression index cases_next_deadline: running deadlines first, soonest first.
      return q
        .orderBy(sql`cases.next_deadline IS NULL`)
        .orderBy('cases.next_deadline', 'asc')
        .orderBy('cases.id', 'asc');
    case 'created_desc':
      return q.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc');
    case 'case_number':
      return q.orderBy('cases.case_number', 'asc').orderBy('cases.origin_device', 'asc');
    default:
      return unreachable(sort);
  }
}

export async function listCases(ctx: DeskContext, f: CaseListInput): Promise<ChannelOutput<'cases.list'>> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  await sweepRegistrations(ctx);
  const base = filteredCases(db, open.user, f);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await orderCases(base.selectAll('cases'), f.sort)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: await toListRows(db, rows), total: Number(count.n) };
}

/** List rows for case rows already known to be visible (the search service uses it too). */
export async function toListRows(db: Db, rows: readonly CaseRow[]): Promise<CaseListRow[]> {
  if (rows.length === 0) return [];
  const parties = await db
    .selectFrom('case_parties')
    .selectAll()
    .where(
      'case_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('deleted_at', 'is', null)
    .execute();
  const byCase = new Map<string, CasePartyRow[]>();
  for (const p of parties) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
  const names = await displayNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  return rows.map((row) => {
    const hidden = hidesContacts(row);
    const party = (key: 'party_a' | 'party_b') => {
      const p = byCase.get(row.id)?.find((x) => x.party === key);
      return {
        name: p?.name ?? '',
        sex: p?.sex ?? null,
        documentNumberMasked: p ? maskedDocument(p) : null,
        phone: hidden ? null : (p?.phone ?? null),
      };
    };
    return {
      id: row.id,
      caseNumber: row.case_number,
      type: row.type,
      receivedDate: row.received_date,
      parties: [party('party_a'), party('party_b')],
      registrationStatus: row.registration_status,
      withdrawalDeadline: row.withdrawal_deadline,
      certificateWindowEnd: row.certificate_window_end,
      nextDeadline: row.next_deadline,
      counsellor: { id: row.counsellor_id, displayName: names.get(row.counsellor_id) ?? '' },
      risk: {
        domesticViolence: row.risk_domestic_violence === 1 || row.dv_disclosed === 1,
        selfHarm: row.risk_self_harm === 1,
        childAtRisk: row.risk_child === 1,
        elderlyAtRisk: row.risk_elderly === 1,
      },
      contactsHidden: hidden,
      result: row.result,
      createdAt: row.created_at,
    };
  });
}
