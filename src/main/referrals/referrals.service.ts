import { daysBetween, localDateAt, assertNotAfter } from '../../shared/calendar';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import { LABELS, labelOf } from '../../shared/i18n';
import { canTransitionReferral, type Referral, type ReferralLetter } from '../../shared/referrals';
import type { Settings } from '../../shared/settings';
import type { SessionUser } from '../../shared/users';
import { actorOf, appendAudit, auditListRead, type AuditInput } from '../audit';
import { findVisibleCaseOrThrow, hidesContacts, loadParties } from '../cases';
import { bit, type Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { findVisibleDisclosureOrThrow } from '../dv';
import { displayNames, userRef } from '../users';
import {
  eventsOf,
  findVisibleReferralOrThrow,
  insertReferral,
  insertReferralEvent,
  isOverdue,
  lastEventDate,
  moveReferralStatus,
  nextReferenceNumber,
  filteredReferrals,
  referralListPage,
} from './referrals.repository';
import type { ReferralEventRow, ReferralRow } from './referrals.table';

/*
 * Referrals (转介) with a closed loop: created → sent → accepted | rejected; accepted → done. Each step is
 * an event row (date, note, who). Reference numbers count per desk and office-local year, taken inside the
 * creating transaction. A referral without consent needs a typed reason (CONSENT_REASON_REQUIRED) and is
 * audited with a flag. A referral linked to a DV disclosure is as restricted as the disclosure (counsellor
 * in charge and directors).
 */

async function toReferrals(
  db: Db,
  rows: readonly (ReferralRow & { case_number: string })[],
  today: string,
): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const events = await eventsOf(
    db,
    rows.map((r) => r.id),
  );
  const byReferral = new Map<string, ReferralEventRow[]>();
  for (const e of events) byReferral.set(e.referral_id, [...(byReferral.get(e.referral_id) ?? []), e]);
  const names = await displayNames(db, [...rows.map((r) => r.created_by), ...events.map((e) => e.by_user)]);
  return rows.map((r) => {
    const overdue = isOverdue(r, today);
    return {
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      referenceNumber: r.reference_number,
      target: r.target,
      targetName: r.target_name,
      subject: r.subject,
      reason: r.reason,
      consentGiven: r.consent_given === 1,
      noConsentReason: r.no_consent_reason,
      status: r.status,
      expectedReplyDate: r.expected_reply_date,
      overdue,
      daysOverdue: overdue ? daysBetween(r.expected_reply_date, today) : 0,
      dvDisclosureId: r.dv_disclosure_id,
      createdBy: userRef(names, r.created_by),
      events: (byReferral.get(r.id) ?? []).map((e) => ({
        status: e.status,
        date: e.date,
        note: e.note,
        by: userRef(names, e.by_user),
        at: e.created_at,
      })),
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

async function toReferral(db: Db, row: ReferralRow, caseNumber: string, today: string): Promise<Referral> {
  return (await toReferrals(db, [{ ...row, case_number: caseNumber }], today))[0] as Referral;
}

/** 'referrals.list': newest first, paged. */
/** 'referrals.list': one page; the read is audited (coalesced, filter names only: audit/list-reads.ts). */
export async function listReferrals(
  call: WriteCall,
  f: ChannelParsed<'referrals.list'>,
): Promise<ChannelOutput<'referrals.list'>> {
  const { db, user } = call;
  const today = localDateAt(call.now);
  if (f.caseId) await findVisibleCaseOrThrow(db, user, f.caseId);
  const count = await filteredReferrals(db, user, f, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await referralListPage(db, user, f, today).execute();
  const total = Number(count.n);
  await auditListRead(
    db,
    user,
    {
      list: 'referrals',
      filters: [...(f.caseId ? ['caseId'] : []), ...(f.overdueOnly ? ['overdueOnly'] : [])],
      caseId: f.caseId ?? null,
      count: rows.length,
      total,
    },
    call.now,
  );
  return { rows: await toReferrals(db, rows, today), total, today };
}

export async function createReferral(
  call: WriteCall,
  input: ChannelParsed<'referrals.create'>,
): Promise<Referral> {
  const { db, user, now } = call;
  const caseRow = await findVisibleCaseOrThrow(db, user, input.caseId);
  if (input.dvDisclosureId) {
    const { row } = await findVisibleDisclosureOrThrow(db, user, input.dvDisclosureId);
    if (row.case_id !== caseRow.id) throw new DomainError('DV_NOT_FOUND');
  }
  if (!input.consentGiven && !input.noConsentReason) {
    throw new DomainError(
      'CONSENT_REASON_REQUIRED',
      {},
      { noConsentReason: { code: 'CONSENT_REASON_REQUIRED' } },
    );
  }

  const at = now.toISOString();
  const today = localDateAt(now);
  const id = uuidv7(now);
  const year = Number(today.slice(0, 4));
  const { seq, reference } = await nextReferenceNumber(db, call.open.deviceId, year);
  const synced = newSyncedRow(call.open.deviceId, at);
  const row = await insertReferral(db, {
    id,
    case_id: caseRow.id,
    dv_disclosure_id: input.dvDisclosureId,
    reference_number: reference,
    ref_year: year,
    ref_seq: seq,
    target: input.target,
    target_name: input.targetName,
    subject: input.subject,
    reason: input.reason,
    consent_given: bit(input.consentGiven),
    // With consent there is nothing to justify.
    no_consent_reason: input.consentGiven ? null : input.noConsentReason,
    status: 'created',
    expected_reply_date: input.expectedReplyDate,
    created_by: user.id,
    ...synced,
  });
  await insertReferralEvent(db, {
    id: uuidv7(now),
    referral_id: id,
    status: 'created',
    date: today,
    note: null,
    by_user: user.id,
    ...synced,
  });
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'referral.created',
      targetType: 'referral',
      targetId: id,
      detail: {
        caseId: caseRow.id,
        referenceNumber: reference,
        // The flag a reviewer filters on; the reason itself stays in the referral (it may name people). The
        // target (police, shelter, psychological…) and a DV link are facts about the client: not here.
        withoutConsent: !input.consentGiven,
      },
    },
    now,
  );
  return toReferral(db, row, caseRow.case_number, today);
}

export async function transitionReferral(
  call: WriteCall,
  input: ChannelParsed<'referrals.transition'>,
): Promise<Referral> {
  const { db, user, now } = call;
  const { row, caseRow } = await findVisibleReferralOrThrow(db, user, input.referralId);
  if (!canTransitionReferral(row.status, input.to)) {
    throw new DomainError('INVALID_TRANSITION', { from: row.status, to: input.to });
  }
  const today = localDateAt(now);
  assertNotAfter(today, { date: input.date });
  const last = await lastEventDate(db, row.id);
  // A step cannot be dated before the one it follows.
  if (last !== undefined && input.date < last) throw invalidFields({ date: 'invalid' });

  const at = now.toISOString();
  const updated = await moveReferralStatus(db, row, input.to, now);
  // Read just before; a concurrent change (another window) makes this step no longer valid.
  if (!updated) throw new DomainError('INVALID_TRANSITION', { from: row.status, to: input.to });
  await insertReferralEvent(db, {
    id: uuidv7(now),
    referral_id: row.id,
    status: input.to,
    date: input.date,
    note: input.note,
    by_user: user.id,
    ...newSyncedRow(call.open.deviceId, at),
  });
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'referral.status_changed',
      targetType: 'referral',
      targetId: row.id,
      detail: { caseId: caseRow.id, from: row.status, to: input.to, date: input.date },
    },
    now,
  );
  return toReferral(db, updated, caseRow.case_number, today);
}

/**
 * The data of the printed referral letter (转介函), read only: whoever shows or prints it audits that
 * (letterPrintedEntry). Contacts follow the case's DV rule: no phone when the case hides contacts.
 */
export async function referralLetter(
  db: Db,
  user: SessionUser,
  referralId: string,
  office: Settings['office'],
  now: Date,
): Promise<ReferralLetter> {
  const { row, caseRow } = await findVisibleReferralOrThrow(db, user, referralId);
  const parties = await loadParties(db, caseRow.id);
  const hidden = hidesContacts(caseRow);
  const names = await displayNames(db, [caseRow.counsellor_id]);
  const wanted = row.subject === 'both' ? ['party_a', 'party_b'] : [row.subject];
  return {
    referralId: row.id,
    referenceNumber: row.reference_number,
    issuedDate: localDateAt(now),
    office: { county: office.county, registryOffice: office.registryOffice, centreName: office.centreName },
    target: row.target,
    addressee: row.target_name ?? labelOf(LABELS.referralTargets, row.target, 'zh-CN'),
    caseId: caseRow.id,
    caseNumber: caseRow.case_number,
    subject: row.subject,
    persons: parties
      .filter((p) => wanted.includes(p.party))
      .map((p) => ({ party: p.party, name: p.name, sex: p.sex, phone: hidden ? null : p.phone })),
    contactsHidden: hidden,
    reason: row.reason,
    consentGiven: row.consent_given === 1,
    noConsentReason: row.no_consent_reason,
    expectedReplyDate: row.expected_reply_date,
    counsellor: userRef(names, caseRow.counsellor_id),
  };
}

/** What the audit log says when the letter is shown or printed (never a name: numbers only). */
export function letterPrintedEntry(letter: ReferralLetter) {
  return {
    action: 'referral.letter_printed',
    targetType: 'referral',
    targetId: letter.referralId,
    detail: { caseId: letter.caseId, referenceNumber: letter.referenceNumber },
  } as const satisfies Omit<AuditInput, 'actorId' | 'actorName'>;
}

/** The letter was shown: 'referral.letter_printed'. */
export async function auditLetterPrinted(call: WriteCall, letter: ReferralLetter): Promise<void> {
  await appendAudit(call.db, { ...actorOf(call.user), ...letterPrintedEntry(letter) }, call.now);
}
