import type { ReasonCategory, RecordResult } from '../../shared/cases';
import { CASE_NUMBER_PREFIX } from '../../shared/cases';
import { uuidv7 } from '../desk';
import type { CasePlan, PartyPlan } from './case-plan';
import { ADDENDA, assessment, familySituation, interviewNotes, reasonText, remarks } from './prose';
import { address, mobile, OCCUPATIONS, otherDocument, personName, residentId } from './people';
import type { Random } from './random';
import type { RowWriter } from './writer';

/*
 * A case's own rows — the case, its two parties, its counselling records and addenda — in the shape the
 * cases and records services give them (columns.ts, records.service.ts): consent decides which party
 * fields exist, a resident ID agrees with the birth date and sex, the case's result is its latest signed
 * record's, and version / updated_at count the changes the case went through.
 */

export interface CaseNumbers {
  caseNumber: string;
  receiptNumber: string | null;
  confirmationNumber: string | null;
}

/** Per-desk sequences that follow creation order (case numbers, receipts, withdrawal confirmations). */
export class CaseNumbering {
  readonly #last = new Map<string, number>();

  next(key: string): number {
    const n = (this.#last.get(key) ?? 0) + 1;
    this.#last.set(key, n);
    return n;
  }

  numbersOf(plan: CasePlan): CaseNumbers {
    const year = plan.createdDate.slice(0, 4);
    const stem = `${year}-${CASE_NUMBER_PREFIX[plan.type]}`;
    const caseNumber = `${stem}-${String(this.next(stem)).padStart(5, '0')}`;
    const received = plan.received.slice(0, 4);
    const receiptNumber = plan.filed
      ? `SL${received}${String(this.next(`SL${received}`)).padStart(6, '0')}`
      : null;
    const withdrawal = plan.registration?.withdrawal;
    const confirmationNumber = withdrawal
      ? `CH${withdrawal.date.slice(0, 4)}${String(this.next(`CH${withdrawal.date.slice(0, 4)}`)).padStart(5, '0')}`
      : null;
    return { caseNumber, receiptNumber, confirmationNumber };
  }
}

/** What the rows of one case hold that later rows (the family archive) repeat. */
export interface WrittenCase {
  id: string;
  partyNames: [string, string];
}

const REFUSAL_REASONS = ['双方对子女抚养问题未达成一致', '一方未到场', '离婚协议内容不符合规定'];
const FALLBACK_REASONS: readonly ReasonCategory[] = ['incompatibility', 'financial', 'in_laws', 'separation'];

function partyRow(t: Random, caseId: string, p: PartyPlan, at: string, origin: string, name: string) {
  const other = p.document === 'other' ? otherDocument(t) : null;
  const documentNumber =
    p.document === 'resident_id' ? residentId(t, p.birthDate, p.sex) : (other?.number ?? null);
  return {
    id: uuidv7(new Date(at)),
    case_id: caseId,
    party: p.key,
    name,
    sex: p.sex,
    document_type: p.document === 'resident_id' ? ('resident_id' as const) : (other?.type ?? null),
    document_number: documentNumber,
    birth_date: p.document === 'resident_id' ? p.birthDate : null,
    phone: p.phone ? mobile(t) : null,
    education: p.education,
    occupation: p.occupation ? t.weighted(OCCUPATIONS) : null,
    address: p.address ? address(t) : null,
    created_at: at,
    updated_at: at,
    origin_device: origin,
    version: 1,
    deleted_at: null,
  };
}

/** The instants a case row changed after intake (result, status, DV mark, assignment), in any order. */
function caseChanges(plan: CasePlan): string[] {
  const changes: string[] = [];
  let result: RecordResult | null = null;
  for (const s of plan.sessions) {
    if (s.status !== 'signed' || !s.signedAt) continue;
    if (s.result !== result) changes.push(s.signedAt);
    result = s.result;
  }
  for (const c of plan.registration?.changes ?? []) changes.push(c.at);
  if (plan.dv) changes.push(plan.dv.at);
  for (const item of plan.supervision) if (item.kind === 'assign') changes.push(item.createdAt);
  return changes;
}

/** The case's result: its latest signed record's (sessions are in date order). */
export function caseResult(plan: CasePlan): RecordResult | null {
  return plan.sessions.filter((s) => s.status === 'signed').at(-1)?.result ?? null;
}

export function writeCase(
  w: RowWriter,
  t: Random,
  plan: CasePlan,
  numbers: CaseNumbers,
  origin: string,
): WrittenCase {
  const id = uuidv7(new Date(plan.createdAt));
  const changes = caseChanges(plan);
  const updatedAt = changes.reduce((max, at) => (at > max ? at : max), plan.createdAt);
  const reg = plan.registration;
  const status = reg?.status ?? null;
  const lastChange = reg?.changes.at(-1)?.at ?? plan.createdAt;
  w.insert('cases', {
    id,
    case_number: numbers.caseNumber,
    type: plan.type,
    received_date: plan.received,
    marriage_date: plan.marriageDate,
    children: JSON.stringify(plan.children),
    filing_received_date: plan.filed ? plan.received : null,
    receipt_number: numbers.receiptNumber,
    reason_categories: JSON.stringify(plan.reasons),
    reason_text: plan.reasonText ? reasonText(t, plan.reasons) : null,
    risk_domestic_violence: plan.risk.domesticViolence ? 1 : 0,
    risk_self_harm: plan.risk.selfHarm ? 1 : 0,
    risk_child: plan.risk.childAtRisk ? 1 : 0,
    risk_elderly: plan.risk.elderlyAtRisk ? 1 : 0,
    dv_disclosed: plan.dv ? 1 : 0,
    consent_by: plan.consent?.consentedBy ?? null,
    consent_at: plan.consent?.consentedAt ?? null,
    consent_method: plan.consent?.method ?? null,
    counsellor_id: plan.counsellorId,
    companion_user_id: plan.companion && 'userId' in plan.companion ? plan.companion.userId : null,
    companion_name: plan.companion && 'name' in plan.companion ? plan.companion.name : null,
    registration_status: status,
    status_changed_at: reg ? lastChange : null,
    withdrawal_deadline: reg?.timeline.withdrawalDeadline ?? null,
    certificate_window_start: reg?.timeline.certificateWindowStart ?? null,
    certificate_window_end: reg?.timeline.certificateWindowEnd ?? null,
    next_deadline:
      status === 'accepted_cooling'
        ? (reg?.timeline.withdrawalDeadline ?? null)
        : status === 'awaiting_certificate'
          ? (reg?.timeline.certificateWindowEnd ?? null)
          : null,
    withdrawal_by: reg?.withdrawal?.by ?? null,
    withdrawal_date: reg?.withdrawal?.date ?? null,
    withdrawal_confirmation: numbers.confirmationNumber,
    registered_date: reg?.registeredDate ?? null,
    refusal_date: reg?.refusalDate ?? null,
    refusal_reason: reg?.refusalDate ? t.pick(REFUSAL_REASONS) : null,
    result: caseResult(plan),
    created_by: plan.createdBy,
    created_at: plan.createdAt,
    updated_at: updatedAt,
    origin_device: origin,
    version: 1 + changes.length,
    deleted_at: null,
  });
  const names: [string, string] = [personName(t, plan.parties[0].sex), personName(t, plan.parties[1].sex)];
  plan.parties.forEach((p, i) =>
    w.insert('case_parties', partyRow(t, id, p, plan.createdAt, origin, names[i] ?? '')),
  );
  writeRecords(w, t, plan, id, origin);
  return { id, partyNames: names };
}

function writeRecords(w: RowWriter, t: Random, plan: CasePlan, caseId: string, origin: string): void {
  const reasons = plan.reasons.length > 0 ? plan.reasons : [t.pick(FALLBACK_REASONS)];
  for (const [k, s] of plan.sessions.entries()) {
    const id = uuidv7(new Date(s.startedAt));
    const prepared = s.result === null; // today's draft: prepared, not yet held
    w.insert('counselling_records', {
      id,
      case_id: caseId,
      status: s.status,
      session_date: s.date,
      half_day: s.half,
      channel: s.channel,
      counsellor_ids: JSON.stringify(s.counsellorIds),
      volunteer_names: JSON.stringify(s.volunteerName ? [s.volunteerName] : []),
      attendees: JSON.stringify({
        parties: s.attendees,
        others: s.otherAttendee ? [t.pick(['男方母亲', '女方父亲', '女方姐姐'])] : [],
      }),
      family_situation: s.withSituation ? familySituation(t, plan) : null,
      interview_notes: prepared
        ? null
        : interviewNotes(t, {
            reasons,
            yearsMarried: plan.yearsMarried,
            children: plan.children,
            session: k,
            result: s.result ?? 'postpone',
          }),
      intervention_assessment: prepared ? null : assessment(t),
      result: s.result,
      satisfaction: s.satisfaction,
      remarks: s.withRemarks && !prepared ? remarks(t) : null,
      created_by: plan.counsellorId,
      signed_by: s.signedAt ? plan.counsellorId : null,
      signed_at: s.signedAt,
      draft_audited_at: s.startedAt,
      created_at: s.startedAt,
      updated_at: s.signedAt ?? s.startedAt,
      origin_device: origin,
      version: s.signedAt ? 2 : 1,
      deleted_at: null,
    });
    if (s.addendum) {
      w.insert('record_addenda', {
        id: uuidv7(new Date(s.addendum.at)),
        record_id: id,
        case_id: caseId,
        date: s.addendum.date,
        author_id: plan.counsellorId,
        text: t.pick(ADDENDA),
        created_at: s.addendum.at,
        updated_at: s.addendum.at,
        origin_device: origin,
        version: 1,
        deleted_at: null,
      });
    }
  }
}
