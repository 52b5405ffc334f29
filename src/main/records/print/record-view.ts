import { localDateAt, localDateTime } from '../../../shared/calendar';
import type { Child, PartyKey } from '../../../shared/cases';
import type { Db } from '../../db';
import { type CasePartyRow, type CaseRow, hidesContacts, loadParties } from '../../cases';
import { displayNames } from '../../users';
import { loadAddenda } from '../records.repository';
import type { RecordRow } from '../records.table';
import { ZH } from '../../desk';
import type { RecordFormParty, RecordFormView } from './record-form';

/* Rows of a visible record and its case → what the appendix D form prints. */

export async function recordFormView(
  db: Db,
  record: RecordRow,
  caseRow: CaseRow,
  office: { centreName: string },
  now: Date,
): Promise<RecordFormView> {
  const parties = await loadParties(db, caseRow.id);
  const addenda = await loadAddenda(db, [record.id]);
  const counsellorIds = JSON.parse(record.counsellor_ids) as string[];
  const names = await displayNames(db, [
    ...counsellorIds,
    ...(record.signed_by ? [record.signed_by] : []),
    ...addenda.map((a) => a.author_id),
  ]);
  const attendees = JSON.parse(record.attendees) as { parties: PartyKey[]; others: string[] };
  const partyName = (key: PartyKey) => parties.find((p) => p.party === key)?.name ?? '';
  const asOf = record.session_date ?? localDateAt(now);

  return {
    centreName: office.centreName,
    caseNumber: caseRow.case_number,
    type: caseRow.type,
    status: record.status,
    sessionDate: record.session_date,
    halfDay: record.half_day,
    channel: record.channel,
    counsellorNames: counsellorIds.map((id) => names.get(id) ?? ''),
    volunteerNames: JSON.parse(record.volunteer_names) as string[],
    attendees: [
      ...attendees.parties.map((key) => `${partyName(key)}（${ZH.parties[key]}）`),
      ...attendees.others,
    ],
    parties: [formParty(parties[0], caseRow, asOf), formParty(parties[1], caseRow, asOf)],
    contactsHidden: hidesContacts(caseRow),
    familySituation: record.family_situation,
    childrenSummary: childrenSummary(JSON.parse(caseRow.children) as Child[]),
    interviewNotes: record.interview_notes,
    interventionAssessment: record.intervention_assessment,
    result: record.result,
    satisfaction: record.satisfaction,
    remarks: record.remarks,
    signedBy: record.signed_by ? (names.get(record.signed_by) ?? '') : null,
    signedDate: record.signed_at ? localDateAt(new Date(record.signed_at)) : null,
    addenda: addenda.map((a) => ({ date: a.date, author: names.get(a.author_id) ?? '', text: a.text })),
    printedAt: localDateTime(now),
  };
}

function formParty(p: CasePartyRow, caseRow: CaseRow, asOf: string): RecordFormParty {
  return {
    label: ZH.parties[p.party],
    name: p.name,
    sex: p.sex,
    maritalStatus: maritalStatus(caseRow),
    yearsMarried: caseRow.marriage_date ? wholeYears(caseRow.marriage_date, asOf) : null,
    education: p.education,
    documentType: p.document_type,
    documentNumber: p.document_number,
    occupation: p.occupation,
    phone: hidesContacts(caseRow) ? null : p.phone,
  };
}

/** The couple's status as the form asks it: before marriage, married, or divorced by the registry. */
function maritalStatus(caseRow: Pick<CaseRow, 'type' | 'registration_status'>): string {
  if (caseRow.type === 'premarital') return '未婚';
  if (caseRow.registration_status === 'registered') return '离婚';
  return '已婚';
}

/** Completed years between two local dates (婚龄). */
export function wholeYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  if (!fy || !fm || !fd || !ty || !tm || !td) return 0;
  const years = ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
  return Math.max(0, years);
}

function childrenSummary(children: readonly Child[]): string | null {
  if (children.length === 0) return null;
  return `${children.length}人（${children.map((c) => `${c.age}岁，${ZH.livesWith[c.livesWith]}`).join('；')}）`;
}
