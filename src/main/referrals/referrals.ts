import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { localizeError, validationMessages } from '../../shared/i18n';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { daysBetween, localDateAt } from '../../shared/calendar';
import type { SessionUser } from '../../shared/users';
import {
  AWAITING_REPLY_STATUSES,
  canTransitionReferral,
  REFERRAL_TARGET_LABELS_ZH,
  type Referral,
  type ReferralLetter,
} from '../../shared/referrals';
import { uuidv7, type DeskContext, assertNotAfter, bit, userRef, type Db, newSyncedRow } from '../desk';
import type { DB } from '../db';
import {
  type CaseRow,
  canSeeDvOf,
  caseVisibility,
  findVisibleCase,
  findVisibleCaseOrThrow,
  seesAllCases,
  displayNames,
  hidesContacts,
  loadParties,
} from '../cases';
import type { ReferralEventRow, ReferralRow } from './referrals.table';
import { appendAudit, actorOf } from '../audit';
import { findVisibleDisclosureOrThrow } from '../dv';

/*
 * Referrals (转介) with a closed loop: created → sent → accepted | rejected; accepted → done. Each step is
 * an event row (date, note, who). Reference numbers `ZJ-{year}-{seq 5}` count per desk and office-local
 * year, taken inside the creating transaction. A referral without consent needs a typed reason
 * (CONSENT_REASON_REQUIRED) and is audited with a flag. A referral linked to a DV disclosure is as
 * restricted as the disclosure (counsellor in charge and directors). Overdue: expectedReplyDate < today
 * while created / sent.
 */

const SEQ_DIGITS = 5;

/** Who may see a referral row of a case they already see: a DV-linked one needs DV rights. */
export function referralDvVisibility(user: SessionUser): Expression<SqlBool> {
  if (seesAllCases(user)) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(referrals.dv_disclosure_id IS NULL OR cases.counsellor_id = ${user.id})`;
}

export function isOverdue(row: Pick<ReferralRow, 'status' | 'expected_reply_date'>, today: string): boolean {
  return (
    (AWAITING_REPLY_STATUSES as readonly string[]).includes(row.status) && row.expected_reply_date < today
  );
}

async function nextReferenceNumber(
  trx: Transaction<DB>,
  deviceId: string,
  year: number,
): Promise<{ seq: number; reference: string }> {
  // A lookup on the unique (origin_device, ref_year, ref_seq) index.
  const row = await trx
    .selectFrom('referrals')
    .select((eb) => eb.fn.max('ref_seq').as('highest'))
    .where('origin_device', '=', deviceId)
    .where('ref_year', '=', year)
    .executeTakeFirst();
  const seq = (row?.highest ?? 0) + 1;
  return { seq, reference: `ZJ-${year}-${String(seq).padStart(SEQ_DIGITS, '0')}` };
}

async function toReferrals(
  db: Db,
  rows: readonly (ReferralRow & { case_number: string })[],
  today: string,
): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('referral_events')
    .selectAll()
    .where(
      'referral_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('deleted_at', 'is', null)
    .orderBy('referral_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
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

/** A referral and its case, or REFERRAL_NOT_FOUND for anything the caller may not see. */
export async function findVisibleReferralOrThrow(
  db: Db,
  user: SessionUser,
  referralId: string,
): Promise<{ row: ReferralRow; caseRow: CaseRow }> {
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('id', '=', referralId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const caseRow = row ? await findVisibleCase(db, user, row.case_id) : undefined;
  if (!row || !caseRow || (row.dv_disclosure_id !== null && !canSeeDvOf(user, caseRow))) {
    throw new DomainError('REFERRAL_NOT_FOUND');
  }
  return { row, caseRow };
}

async function loadOne(db: Db, row: ReferralRow, caseNumber: string, today: string): Promise<Referral> {
  return (await toReferrals(db, [{ ...row, case_number: caseNumber }], today))[0] as Referral;
}

/** 'referrals.list': newest first, paged. */
export async function listReferrals(
  ctx: DeskContext,
  f: ChannelParsed<'referrals.list'>,
): Promise<ChannelOutput<'referrals.list'>> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const today = localDateAt(ctx.clock.now());
  if (f.caseId) await findVisibleCaseOrThrow(db, open.user, f.caseId);

  let q = db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.id', 'referrals.case_id')
    .where('referrals.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(open.user))
    .where(referralDvVisibility(open.user));
  if (f.caseId) q = q.where('referrals.case_id', '=', f.caseId);
  if (f.overdueOnly) {
    q = q
      .where('referrals.status', 'in', [...AWAITING_REPLY_STATUSES])
      .where('referrals.expected_reply_date', '<', today);
  }
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('referrals')
    .select('cases.case_number')
    .orderBy('referrals.created_at', 'desc')
    .orderBy('referrals.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: await toReferrals(db, rows, today), total: Number(count.n), today };
}

export async function createReferral(
  ctx: DeskContext,
  input: ChannelParsed<'referrals.create'>,
): Promise<Referral> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const caseRow = await findVisibleCaseOrThrow(db, open.user, input.caseId);
  if (input.dvDisclosureId) {
    const { row } = await findVisibleDisclosureOrThrow(db, open.user, input.dvDisclosureId);
    if (row.case_id !== caseRow.id) throw new DomainError('DV_NOT_FOUND');
  }
  if (!input.consentGiven && !input.noConsentReason) {
    const message = localizeError(ctx.prefs.language, 'CONSENT_REASON_REQUIRED');
    throw new DomainError('CONSENT_REASON_REQUIRED', {}, { noConsentReason: message });
  }

  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = localDateAt(now);
  const id = uuidv7(now);
  const row = await db.transaction().execute(async (trx) => {
    const { seq, reference } = await nextReferenceNumber(trx, open.deviceId, Number(today.slice(0, 4)));
    const synced = newSyncedRow(open.deviceId, at);
    const inserted = await trx
      .insertInto('referrals')
      .values({
        id,
        case_id: caseRow.id,
        dv_disclosure_id: input.dvDisclosureId,
        reference_number: reference,
        ref_year: Number(today.slice(0, 4)),
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
        created_by: open.user.id,
        ...synced,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('referral_events')
      .values({
        id: uuidv7(now),
        referral_id: id,
        status: 'created',
        date: today,
        note: null,
        by_user: open.user.id,
        ...synced,
      })
      .execute();
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'referral.created',
        targetType: 'referral',
        targetId: id,
        detail: {
          caseId: caseRow.id,
          referenceNumber: reference,
          target: input.target,
          consentGiven: input.consentGiven,
          // The flag a reviewer filters on; the reason itself stays in the referral (it may name people).
          withoutConsent: !input.consentGiven,
          dvLinked: input.dvDisclosureId !== null,
        },
      },
      now,
    );
    return inserted;
  });
  return loadOne(db, row, caseRow.case_number, today);
}

export async function transitionReferral(
  ctx: DeskContext,
  input: ChannelParsed<'referrals.transition'>,
): Promise<Referral> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { row, caseRow } = await findVisibleReferralOrThrow(db, open.user, input.referralId);
  if (!canTransitionReferral(row.status, input.to)) {
    throw new DomainError('INVALID_TRANSITION', { from: row.status, to: input.to });
  }
  const now = ctx.clock.now();
  const today = localDateAt(now);
  assertNotAfter(today, { date: input.date }, ctx.prefs.language);
  const last = await db
    .selectFrom('referral_events')
    .select('date')
    .where('referral_id', '=', row.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // A step cannot be dated before the one it follows.
  if (last && input.date < last.date) {
    throw new DomainError('VALIDATION', {}, { date: validationMessages[ctx.prefs.language].invalid });
  }

  const at = now.toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('referrals')
      .set((eb) => ({ status: input.to, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .returningAll()
      .executeTakeFirst();
    // Read just before; a concurrent change (another window) makes this step no longer valid.
    if (!u) throw new DomainError('INVALID_TRANSITION', { from: row.status, to: input.to });
    await trx
      .insertInto('referral_events')
      .values({
        id: uuidv7(now),
        referral_id: row.id,
        status: input.to,
        date: input.date,
        note: input.note,
        by_user: open.user.id,
        ...newSyncedRow(open.deviceId, at),
      })
      .execute();
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'referral.status_changed',
        targetType: 'referral',
        targetId: row.id,
        detail: { caseId: caseRow.id, from: row.status, to: input.to, date: input.date },
      },
      now,
    );
    return u;
  });
  return loadOne(db, updated, caseRow.case_number, today);
}

/**
 * The data of the printed referral letter (转介函). Exported for the print service, which renders it;
 * audited as 'referral.letter_printed' unless `audit: false` (a caller that audits its own print job).
 * Contacts follow the case's DV rule: no phone when the case hides contacts.
 */
export async function referralLetter(
  ctx: DeskContext,
  referralId: string,
  opts: { audit?: boolean } = {},
): Promise<ReferralLetter> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { row, caseRow } = await findVisibleReferralOrThrow(db, open.user, referralId);
  const now = ctx.clock.now();
  const parties = await loadParties(db, caseRow.id);
  const hidden = hidesContacts(caseRow);
  const names = await displayNames(db, [caseRow.counsellor_id]);
  const wanted = row.subject === 'both' ? ['party_a', 'party_b'] : [row.subject];
  const office = open.settings.office;
  if (opts.audit !== false) {
    await appendAudit(
      db,
      {
        ...actorOf(open.user),
        action: 'referral.letter_printed',
        targetType: 'referral',
        targetId: row.id,
        detail: { caseId: caseRow.id, referenceNumber: row.reference_number },
      },
      now,
    );
  }
  return {
    referralId: row.id,
    referenceNumber: row.reference_number,
    issuedDate: localDateAt(now),
    office: { county: office.county, registryOffice: office.registryOffice, centreName: office.centreName },
    target: row.target,
    addressee: row.target_name ?? REFERRAL_TARGET_LABELS_ZH[row.target],
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
