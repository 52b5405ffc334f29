import { DomainError } from '../../shared/errors';
import type { ChannelParsed } from '../../shared/contract';
import { localDateAt } from '../../shared/calendar';
import type { SessionUser } from '../../shared/users';
import { isMandatoryReportDue, type DvDisclosure, type DvFields } from '../../shared/dv';
import { uuidv7, type DeskContext, assertNotAfter, bit, userRef, type Db, newSyncedRow } from '../desk';
import type { DvDisclosureRow, DvDisclosuresTable } from './dv.table';
import {
  type CaseRow,
  canSeeDvOf,
  findVisibleCase,
  findVisibleCaseOrThrow,
  displayNames,
  runCaseWriteHooks,
  markDvDisclosed,
} from '../cases';
import { appendAudit, actorOf } from '../audit';

/*
 * Domestic-violence disclosures (反家庭暴力法), kept in their own table and never in ordinary notes or the
 * search index. Only the case's counsellor in charge and directors see them (case-access.ts canSeeDvOf).
 * Denials: a case the caller may not see at all is CASE_NOT_FOUND (as on every case channel); a case they
 * see without DV rights (the companion) is DV_NOT_FOUND for reads and by-id writes, FORBIDDEN for create.
 * Every opening of the list is audited ('dv.viewed'). Audit details carry flags and codes, never text.
 */

type ContentColumns = Pick<
  DvDisclosuresTable,
  | 'disclosed_by'
  | 'disclosed_by_name'
  | 'disclosed_at'
  | 'facts'
  | 'injuries_evidence'
  | 'risk_level'
  | 'victim_wishes'
  | 'minors_involved'
  | 'victim_lacks_capacity'
  | 'help_info_given'
  | 'warning_letter_number'
  | 'warning_letter_issued_at'
  | 'protection_order_number'
  | 'protection_order_issued_at'
  | 'protection_order_expires_at'
>;

function contentColumns(f: DvFields): ContentColumns {
  return {
    disclosed_by: f.disclosedBy,
    // A name only says who disclosed when it was someone other than a party or a child.
    disclosed_by_name: f.disclosedBy === 'other' ? f.disclosedByName : null,
    disclosed_at: f.disclosedAt,
    facts: f.facts,
    injuries_evidence: f.injuriesEvidence,
    risk_level: f.riskLevel,
    victim_wishes: f.victimWishes,
    minors_involved: bit(f.minorsInvolved),
    victim_lacks_capacity: bit(f.victimLacksCapacity),
    help_info_given: bit(f.helpInfoGiven),
    warning_letter_number: f.warningLetter?.number ?? null,
    warning_letter_issued_at: f.warningLetter?.issuedAt ?? null,
    protection_order_number: f.protectionOrder?.number ?? null,
    protection_order_issued_at: f.protectionOrder?.issuedAt ?? null,
    protection_order_expires_at: f.protectionOrder?.expiresAt ?? null,
  };
}

function dueOf(
  row: Pick<DvDisclosureRow, 'minors_involved' | 'victim_lacks_capacity' | 'mandatory_report_at'>,
) {
  return isMandatoryReportDue({
    minorsInvolved: row.minors_involved === 1,
    victimLacksCapacity: row.victim_lacks_capacity === 1,
    hasReport: row.mandatory_report_at !== null,
  });
}

export function toDisclosure(
  row: DvDisclosureRow,
  caseNumber: string,
  names: ReadonlyMap<string, string>,
): DvDisclosure {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber,
    disclosedBy: row.disclosed_by,
    disclosedByName: row.disclosed_by_name,
    disclosedAt: row.disclosed_at,
    recordedBy: userRef(names, row.recorded_by),
    facts: row.facts,
    injuriesEvidence: row.injuries_evidence,
    riskLevel: row.risk_level,
    victimWishes: row.victim_wishes,
    minorsInvolved: row.minors_involved === 1,
    victimLacksCapacity: row.victim_lacks_capacity === 1,
    helpInfoGiven: row.help_info_given === 1,
    warningLetter:
      row.warning_letter_number && row.warning_letter_issued_at
        ? { number: row.warning_letter_number, issuedAt: row.warning_letter_issued_at }
        : null,
    protectionOrder:
      row.protection_order_number && row.protection_order_issued_at && row.protection_order_expires_at
        ? {
            number: row.protection_order_number,
            issuedAt: row.protection_order_issued_at,
            expiresAt: row.protection_order_expires_at,
          }
        : null,
    mandatoryReport:
      row.mandatory_report_at && row.mandatory_report_to && row.mandatory_report_recorded_by
        ? {
            reportedAt: row.mandatory_report_at,
            reportedTo: row.mandatory_report_to,
            reference: row.mandatory_report_reference,
            recordedBy: userRef(names, row.mandatory_report_recorded_by),
          }
        : null,
    mandatoryReportDue: dueOf(row),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function toDisclosures(db: Db, rows: readonly DvDisclosureRow[], caseNumber: string) {
  const names = await displayNames(
    db,
    rows.flatMap((r) => [
      r.recorded_by,
      ...(r.mandatory_report_recorded_by ? [r.mandatory_report_recorded_by] : []),
    ]),
  );
  return rows.map((r) => toDisclosure(r, caseNumber, names));
}

/** The case, visible to the caller with DV rights: CASE_NOT_FOUND if not visible, else `denied` without them. */
async function dvCaseOrThrow(
  db: Db,
  user: SessionUser,
  caseId: string,
  denied: 'DV_NOT_FOUND' | 'FORBIDDEN',
) {
  const row = await findVisibleCaseOrThrow(db, user, caseId);
  if (!canSeeDvOf(user, row)) throw new DomainError(denied);
  return row;
}

/** A disclosure and its case, or DV_NOT_FOUND for anything the caller may not see. */
export async function findVisibleDisclosureOrThrow(
  db: Db,
  user: SessionUser,
  disclosureId: string,
): Promise<{ row: DvDisclosureRow; caseRow: CaseRow }> {
  const row = await db
    .selectFrom('dv_disclosures')
    .selectAll()
    .where('id', '=', disclosureId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const caseRow = row ? await findVisibleCase(db, user, row.case_id) : undefined;
  if (!row || !caseRow || !canSeeDvOf(user, caseRow)) throw new DomainError('DV_NOT_FOUND');
  return { row, caseRow };
}

/** 'dv.list': oldest first; audited even when empty (the DV tab was opened). */
export async function listDisclosures(ctx: DeskContext, caseId: string): Promise<DvDisclosure[]> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const caseRow = await dvCaseOrThrow(db, open.user, caseId, 'DV_NOT_FOUND');
  const rows = await db
    .selectFrom('dv_disclosures')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('disclosed_at')
    .orderBy('created_at')
    .execute();
  await appendAudit(
    db,
    {
      ...actorOf(open.user),
      action: 'dv.viewed',
      targetType: 'case',
      targetId: caseId,
      detail: { count: rows.length },
    },
    ctx.clock.now(),
  );
  return toDisclosures(db, rows, caseRow.case_number);
}

export async function createDisclosure(
  ctx: DeskContext,
  input: ChannelParsed<'dv.create'>,
): Promise<DvDisclosure> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const caseRow = await dvCaseOrThrow(db, open.user, input.caseId, 'FORBIDDEN');
  const now = ctx.clock.now();
  const today = localDateAt(now);
  assertNotAfter(
    today,
    {
      disclosedAt: input.disclosedAt,
      'warningLetter.issuedAt': input.warningLetter?.issuedAt,
      'protectionOrder.issuedAt': input.protectionOrder?.issuedAt,
      'mandatoryReport.reportedAt': input.mandatoryReport?.reportedAt,
    },
    ctx.prefs.language,
  );
  const at = now.toISOString();
  const id = uuidv7(now);
  const report = input.mandatoryReport;
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('dv_disclosures')
      .values({
        id,
        case_id: caseRow.id,
        ...contentColumns(input),
        recorded_by: open.user.id,
        mandatory_report_at: report?.reportedAt ?? null,
        mandatory_report_to: report?.reportedTo ?? null,
        mandatory_report_reference: report?.reference ?? null,
        mandatory_report_recorded_by: report ? open.user.id : null,
        ...newSyncedRow(open.deviceId, at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'dv.created',
        targetType: 'dv_disclosure',
        targetId: id,
        detail: {
          caseId: caseRow.id,
          riskLevel: input.riskLevel,
          minorsInvolved: input.minorsInvolved,
          victimLacksCapacity: input.victimLacksCapacity,
          mandatoryReportDue: dueOf(inserted),
        },
      },
      now,
    );
    if (report) await auditReport(trx, open.user, id, caseRow.id, false, now);
    // The case now hides contacts in lists and printouts; derived data (search) follows the case row.
    await markDvDisclosed(trx, caseRow.id, now);
    await runCaseWriteHooks(trx, caseRow.id);
    return inserted;
  });
  return (await toDisclosures(db, [row], caseRow.case_number))[0] as DvDisclosure;
}

export async function updateDisclosure(
  ctx: DeskContext,
  input: ChannelParsed<'dv.update'>,
): Promise<DvDisclosure> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { row, caseRow } = await findVisibleDisclosureOrThrow(db, open.user, input.disclosureId);
  const now = ctx.clock.now();
  assertNotAfter(
    localDateAt(now),
    {
      disclosedAt: input.disclosedAt,
      'warningLetter.issuedAt': input.warningLetter?.issuedAt,
      'protectionOrder.issuedAt': input.protectionOrder?.issuedAt,
    },
    ctx.prefs.language,
  );
  const next = contentColumns(input);
  const changed = (Object.keys(next) as (keyof ContentColumns)[]).filter((k) => next[k] !== row[k]);
  if (changed.length === 0) return (await toDisclosures(db, [row], caseRow.case_number))[0] as DvDisclosure;

  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('dv_disclosures')
      .set((eb) => ({ ...next, updated_at: now.toISOString(), version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'dv.updated',
        targetType: 'dv_disclosure',
        targetId: row.id,
        // Column names only, never their values.
        detail: { caseId: caseRow.id, fields: changed.join(','), mandatoryReportDue: dueOf(u) },
      },
      now,
    );
    return u;
  });
  return (await toDisclosures(db, [updated], caseRow.case_number))[0] as DvDisclosure;
}

/** 强制报告: records the report (a second call corrects it; both are audited). */
export async function recordMandatoryReport(
  ctx: DeskContext,
  input: ChannelParsed<'dv.recordMandatoryReport'>,
): Promise<DvDisclosure> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { row, caseRow } = await findVisibleDisclosureOrThrow(db, open.user, input.disclosureId);
  const now = ctx.clock.now();
  assertNotAfter(localDateAt(now), { reportedAt: input.reportedAt }, ctx.prefs.language);
  const updated = await db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('dv_disclosures')
      .set((eb) => ({
        mandatory_report_at: input.reportedAt,
        mandatory_report_to: input.reportedTo,
        mandatory_report_reference: input.reference,
        mandatory_report_recorded_by: open.user.id,
        updated_at: now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditReport(trx, open.user, row.id, caseRow.id, row.mandatory_report_at !== null, now);
    return u;
  });
  return (await toDisclosures(db, [updated], caseRow.case_number))[0] as DvDisclosure;
}

async function auditReport(
  trx: Db,
  user: SessionUser,
  disclosureId: string,
  caseId: string,
  corrected: boolean,
  at: Date,
): Promise<void> {
  await appendAudit(
    trx,
    {
      ...actorOf(user),
      action: 'dv.mandatory_report_recorded',
      targetType: 'dv_disclosure',
      targetId: disclosureId,
      detail: { caseId, corrected },
    },
    at,
  );
}
