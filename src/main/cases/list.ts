import type { ChannelOutput } from '../../shared/contract';
import type { CaseListRow } from '../../shared/cases';
import { auditListRead } from '../audit';
import type { Db } from '../db';
import type { WriteCall } from '../desk';
import { displayNames } from '../users';
import { partiesOfCases } from './cases.repository';
import { hidesContacts, maskedDocument } from './detail';
import { caseListViewer } from './access';
import { casesInOrder, type ListCaseRow } from './list-index.repository';
import { currentCaseListIndex } from './list-keys';
import type { CaseListInput } from './list.repository';
import { sweepForCall } from './registration';

/*
 * The case list: one page of visible cases, with masked document numbers and no phone when the case hides
 * contacts (DV). Filters, order, paging and the total come from the list's keys in memory (list-index.ts),
 * one per open store, brought up to date at the start of every call (list-keys.ts).
 */

export async function listCases(call: WriteCall, f: CaseListInput): Promise<ChannelOutput<'cases.list'>> {
  await sweepForCall(call);
  const index = await currentCaseListIndex(call.db, call.open.store);
  const page = index.page(caseListViewer(call.user), f, f.sort, (f.page - 1) * f.pageSize, f.pageSize);
  const total = page.total;
  const rows = await casesInOrder(call.db, page.ids);
  // Audited, coalesced (paging and re-sorting add nothing); filter names only, never their values.
  await auditListRead(
    call.db,
    call.user,
    { list: 'cases', filters: filtersOf(f), count: rows.length, total },
    call.now,
  );
  return { rows: await toListRows(call.db, rows), total };
}

/** The names of the filters that narrow the list (paging and sorting are not filters). */
function filtersOf(f: CaseListInput): string[] {
  const { sort: _sort, page: _page, pageSize: _pageSize, ...narrowing } = f;
  return Object.entries(narrowing)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k]) => k);
}

/** List rows for case rows already known to be visible (the search service uses it too). */
export async function toListRows(db: Db, rows: readonly ListCaseRow[]): Promise<CaseListRow[]> {
  if (rows.length === 0) return [];
  const byCase = await partiesOfCases(
    db,
    rows.map((r) => r.id),
  );
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
