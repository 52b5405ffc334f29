import { localDateAt, localDateTime } from '../../shared/calendar';
import type { ReasonCategory } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import type { Db } from '../db';
import { type CaseRow, canSeeDvOf, consentOf, hidesContacts, loadParties, maskedDocument } from '../cases';
import { countDisclosures } from '../dv';
import { loadAddenda, recordsOfCase } from '../records';
import { visibleReferrals } from '../referrals';
import { displayNames } from '../users';
import type { CaseSummaryView } from './case-summary';
import { ZH } from '../desk';

/*
 * A visible case → its printed summary. What the user may not see stays out: referrals that follow from a
 * DV disclosure and the disclosures' count are included only for users allowed to see DV (the counsellor
 * in charge and directors); DV text is never read here. A DV case prints no phone and no address.
 */

/** The risk screening as printed; a DV disclosure counts as the DV flag, as in the case list. */
function riskLabels(row: CaseRow): string[] {
  const flags: [boolean, string][] = [
    [hidesContacts(row), ZH.riskFlags.domesticViolence],
    [row.risk_self_harm === 1, ZH.riskFlags.selfHarm],
    [row.risk_child === 1, ZH.riskFlags.childAtRisk],
    [row.risk_elderly === 1, ZH.riskFlags.elderlyAtRisk],
  ];
  return flags.filter(([on]) => on).map(([, label]) => label);
}

export async function caseSummaryView(
  db: Db,
  user: SessionUser,
  caseRow: CaseRow,
  office: { centreName: string },
  now: Date,
): Promise<CaseSummaryView> {
  const parties = await loadParties(db, caseRow.id);
  const hidden = hidesContacts(caseRow);
  const seesDv = canSeeDvOf(user, caseRow);

  const records = await recordsOfCase(db, caseRow.id).execute();
  const addenda = await loadAddenda(
    db,
    records.map((r) => r.id),
  );
  // The one rule for who sees a referral: a DV-linked one only with DV rights.
  const referrals = await visibleReferrals(db, user)
    .where('referrals.case_id', '=', caseRow.id)
    .select([
      'referrals.reference_number',
      'referrals.target',
      'referrals.target_name',
      'referrals.status',
      'referrals.created_at',
      'referrals.expected_reply_date',
    ])
    .orderBy('referrals.created_at')
    .execute();
  const dvCount = seesDv ? await countDisclosures(db, caseRow.id) : null;

  const counsellorIds = records.map((r) => JSON.parse(r.counsellor_ids) as string[]);
  const names = await displayNames(db, [
    caseRow.counsellor_id,
    ...(caseRow.companion_user_id ? [caseRow.companion_user_id] : []),
    ...counsellorIds.flat(),
  ]);
  const reasonCategories = JSON.parse(caseRow.reason_categories) as ReasonCategory[];

  return {
    centreName: office.centreName,
    caseNumber: caseRow.case_number,
    type: caseRow.type,
    receivedDate: caseRow.received_date,
    counsellorName: names.get(caseRow.counsellor_id) ?? '',
    companionName: caseRow.companion_user_id
      ? (names.get(caseRow.companion_user_id) ?? '')
      : caseRow.companion_name,
    parties: parties.map((p) => ({
      label: ZH.parties[p.party],
      name: p.name,
      sex: p.sex,
      documentNumberMasked: maskedDocument(p),
      phone: hidden ? null : p.phone,
      address: hidden ? null : p.address,
    })),
    contactsHidden: hidden,
    registration: registrationOf(caseRow),
    result: caseRow.result,
    // Reasons are sensitive data held only with consent; print them only when consent is on file.
    reasons:
      consentOf(caseRow) && (reasonCategories.length > 0 || caseRow.reason_text)
        ? { categories: reasonCategories, text: caseRow.reason_text }
        : null,
    riskLabels: riskLabels(caseRow),
    records: records.map((r, i) => ({
      sessionDate: r.session_date,
      halfDay: r.half_day,
      channel: r.channel,
      signed: r.status === 'signed',
      result: r.result,
      counsellors: (counsellorIds[i] ?? []).map((id) => names.get(id) ?? '').join('、'),
      addenda: addenda.filter((a) => a.record_id === r.id).length,
    })),
    referrals: referrals.map((r) => ({
      referenceNumber: r.reference_number,
      addressee: r.target_name ?? ZH.referralTargets[r.target],
      status: r.status,
      createdDate: localDateAt(new Date(r.created_at)),
      expectedReplyDate: r.expected_reply_date,
    })),
    dvDisclosures: dvCount,
    printedAt: localDateTime(now),
  };
}

function registrationOf(row: CaseRow): CaseSummaryView['registration'] {
  if (
    !row.registration_status ||
    !row.filing_received_date ||
    !row.withdrawal_deadline ||
    !row.certificate_window_start ||
    !row.certificate_window_end
  ) {
    return null;
  }
  const note =
    row.registration_status === 'withdrawn' && row.withdrawal_date
      ? `撤回日期 ${row.withdrawal_date}`
      : row.registration_status === 'registered' && row.registered_date
        ? `登记日期 ${row.registered_date}`
        : row.registration_status === 'refused' && row.refusal_date
          ? `不予登记日期 ${row.refusal_date}`
          : null;
  return {
    status: row.registration_status,
    receiptNumber: row.receipt_number,
    filingReceivedDate: row.filing_received_date,
    withdrawalDeadline: row.withdrawal_deadline,
    certificateWindowStart: row.certificate_window_start,
    certificateWindowEnd: row.certificate_window_end,
    statusNote: note,
  };
}
