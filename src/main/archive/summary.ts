import type { CounsellingType, RecordResult, RegistrationStatus, Sex } from '../../shared/cases';
import { maskedDocument } from '../cases';
import { dateZh, html, printDocument, WIDE_SPACE, ZH, type SafeHtml } from '../desk';
import type { CaseRows, FamilyRows } from './collect.repository';
import type { ArchiveRow } from './tables';

/*
 * 案卷摘要: the optional printable summary written beside an archive, one page per case — the case number,
 * type, dates, status and result, the parties' names with masked document numbers, and how many records,
 * referrals and supervision items the archive holds for it. Never a phone, an address, a note or anything
 * about DV. It is NOT encrypted (the export dialog says so); its file name carries no personal data.
 */

export interface SummaryCase {
  caseNumber: string;
  type: CounsellingType;
  receivedDate: string;
  counsellorName: string;
  registrationStatus: RegistrationStatus | null;
  result: RecordResult | null;
  parties: { name: string; sex: Sex | null; document: string | null }[];
  records: number;
  referrals: number;
  supervision: number;
  archiveNumber: string | null;
}

/** The summary lines of a chunk of exported cases. */
export function summaryCases(
  rows: CaseRows,
  familyOfCase: ReadonlyMap<string, string>,
  userNames: ReadonlyMap<string, string>,
): SummaryCase[] {
  const count = (list: readonly ArchiveRow[]) => {
    const by = new Map<string, number>();
    for (const r of list) by.set(r.case_id as string, (by.get(r.case_id as string) ?? 0) + 1);
    return by;
  };
  const records = count(rows.counselling_records.filter((r) => r.deleted_at === null));
  const referrals = count(rows.referrals.filter((r) => r.deleted_at === null));
  const supervision = count(rows.supervision_items.filter((r) => r.deleted_at === null));
  const parties = new Map<string, ArchiveRow[]>();
  for (const p of rows.case_parties) {
    if (p.deleted_at !== null) continue;
    parties.set(p.case_id as string, [...(parties.get(p.case_id as string) ?? []), p]);
  }
  return rows.cases.map((c) => {
    const id = c.id as string;
    return {
      caseNumber: c.case_number as string,
      type: c.type as CounsellingType,
      receivedDate: c.received_date as string,
      counsellorName: userNames.get(c.counsellor_id as string) ?? '',
      registrationStatus: c.registration_status as RegistrationStatus | null,
      result: c.result as RecordResult | null,
      parties: (parties.get(id) ?? [])
        .sort((a, b) => String(a.party).localeCompare(String(b.party)))
        .map((p) => ({
          name: p.name as string,
          sex: p.sex as Sex | null,
          document: maskedDocument({ document_number: p.document_number as string | null }),
        })),
      records: records.get(id) ?? 0,
      referrals: referrals.get(id) ?? 0,
      supervision: supervision.get(id) ?? 0,
      archiveNumber: familyOfCase.get(id) ?? null,
    };
  });
}

/** case id → archive number of its (exported) family archive. */
export function archiveNumbersOf(rows: FamilyRows): Map<string, string> {
  const numbers = new Map(rows.families.map((f) => [f.id as string, f.archive_number as string]));
  const out = new Map<string, string>();
  for (const link of rows.family_cases) {
    const number = numbers.get(link.family_id as string);
    if (number && link.deleted_at === null) out.set(link.case_id as string, number);
  }
  return out;
}

function casePage(c: SummaryCase, centreName: string, exportedAt: string): SafeHtml {
  const row = (label: string, value: string | SafeHtml) =>
    html`<tr>
      <th style="width:25%">${label}</th>
      <td>${value}</td>
    </tr>`;
  return html`<section style="page-break-after:always">
    <h1>${centreName}${WIDE_SPACE}案件摘要</h1>
    <p>案卷导出时间：${exportedAt}</p>
    <table class="form">
      ${row('案件编号', c.caseNumber)} ${row('辅导类别', ZH.caseTypes[c.type])}
      ${row('受理日期', dateZh(c.receivedDate))} ${row('辅导员', c.counsellorName)}
      ${row('登记状态', c.registrationStatus ? ZH.registrationStatuses[c.registrationStatus] : '—')}
      ${row('辅导结果', c.result ? ZH.results[c.result] : '—')}
      ${c.parties.map((p, i) =>
        row(
          `当事人${i + 1}`,
          `${p.name}${p.sex ? `${WIDE_SPACE}${ZH.sexes[p.sex]}` : ''}${p.document ? `${WIDE_SPACE}${p.document}` : ''}`,
        ),
      )}
      ${row('辅导记录', `${c.records} 份`)} ${row('转介', `${c.referrals} 件`)}
      ${row('交办/转办/督办', `${c.supervision} 项`)} ${row('家庭档案', c.archiveNumber ?? '—')}
    </table>
  </section>`;
}

export function renderArchiveSummary(
  cases: readonly SummaryCase[],
  centreName: string,
  exportedAt: string,
): string {
  return printDocument('案件摘要', html`${cases.map((c) => casePage(c, centreName, exportedAt))}`);
}
