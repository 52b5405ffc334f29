import { assertNotAfter, localDateAt } from '../../shared/calendar';
import type { ChannelParsed } from '../../shared/contract';
import { isMandatoryReportDue, type DvDisclosure, type DvFields } from '../../shared/dv';
import { DomainError } from '../../shared/errors';
import { actorOf, appendAudit } from '../audit';
import { canSeeDvOf, caseWriteHooks, findVisibleCaseOrThrow, markDvDisclosed } from '../cases';
import { bit, type Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { displayNames, userRef } from '../users';
import {
  disclosuresOfCase,
  findVisibleDisclosureOrThrow,
  insertDisclosure,
  updateDisclosureRow,
} from './dv.repository';
import type { DvDisclosureRow, DvDisclosuresTable } from './dv.table';

/*
 * Domestic-violence disclosures (反家庭暴力法), kept in their own table and never in ordinary notes or the
 * search index. Only the case's counsellor in charge and directors see them (access.ts canSeeDvOf in the
 * cases module). Denials: a case the caller may not see at all is CASE_NOT_FOUND (as on every case
 * channel); a case they see without DV rights (the companion) is DV_NOT_FOUND for reads and by-id writes,
 * FORBIDDEN for create. Every opening of the list is audited ('dv.viewed'). Audit details carry flags and
 * codes, never text.
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

function toDisclosure(
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

async function toOne(db: Db, row: DvDisclosureRow, caseNumber: string): Promise<DvDisclosure> {
  return (await toDisclosures(db, [row], caseNumber))[0] as DvDisclosure;
}

/** The case, seen with DV rights: CASE_NOT_FOUND if not visible at all, else `denied` without DV rights. */
async function dvCaseOrThrow(call: WriteCall, caseId: string, denied: 'DV_NOT_FOUND' | 'FORBIDDEN') {
  const row = await findVisibleCaseOrThrow(call.db, call.user, caseId);
  if (!canSeeDvOf(call.user, row)) throw new DomainError(denied);
  return row;
}

/** 'dv.list': oldest first; audited even when empty (the DV tab was opened). */
export async function listDisclosures(call: WriteCall, caseId: string): Promise<DvDisclosure[]> {
  const caseRow = await dvCaseOrThrow(call, caseId, 'DV_NOT_FOUND');
  const rows = await disclosuresOfCase(call.db, caseId).execute();
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'dv.viewed',
      targetType: 'case',
      targetId: caseId,
      detail: { count: rows.length },
    },
    call.now,
  );
  return toDisclosures(call.db, rows, caseRow.case_number);
}

export async function createDisclosure(
  call: WriteCall,
  input: ChannelParsed<'dv.create'>,
): Promise<DvDisclosure> {
  const { db, user, now } = call;
  const caseRow = await dvCaseOrThrow(call, input.caseId, 'FORBIDDEN');
  assertNotAfter(localDateAt(now), {
    disclosedAt: input.disclosedAt,
    'warningLetter.issuedAt': input.warningLetter?.issuedAt,
    'protectionOrder.issuedAt': input.protectionOrder?.issuedAt,
    'mandatoryReport.reportedAt': input.mandatoryReport?.reportedAt,
  });
  const id = uuidv7(now);
  const report = input.mandatoryReport;
  const row = await insertDisclosure(db, {
    id,
    case_id: caseRow.id,
    ...contentColumns(input),
    recorded_by: user.id,
    mandatory_report_at: report?.reportedAt ?? null,
    mandatory_report_to: report?.reportedTo ?? null,
    mandatory_report_reference: report?.reference ?? null,
    mandatory_report_recorded_by: report ? user.id : null,
    ...newSyncedRow(call.open.deviceId, now.toISOString()),
  });
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'dv.created',
      targetType: 'dv_disclosure',
      targetId: id,
      // The case only: risk level, minors and capacity stay in the disclosure (the admin reads this log).
      detail: { caseId: caseRow.id },
    },
    now,
  );
  if (report) await auditReport(call, id, caseRow.id, false);
  // The case now hides contacts in lists and printouts; derived data (search) follows the case row.
  await markDvDisclosed(db, caseRow.id, now);
  await caseWriteHooks.run(db, [caseRow.id]);
  return toOne(db, row, caseRow.case_number);
}

export async function updateDisclosure(
  call: WriteCall,
  input: ChannelParsed<'dv.update'>,
): Promise<DvDisclosure> {
  const { db, user, now } = call;
  const { row, caseRow } = await findVisibleDisclosureOrThrow(db, user, input.disclosureId);
  assertNotAfter(localDateAt(now), {
    disclosedAt: input.disclosedAt,
    'warningLetter.issuedAt': input.warningLetter?.issuedAt,
    'protectionOrder.issuedAt': input.protectionOrder?.issuedAt,
  });
  const next = contentColumns(input);
  const changed = (Object.keys(next) as (keyof ContentColumns)[]).filter((k) => next[k] !== row[k]);
  if (changed.length === 0) return toOne(db, row, caseRow.case_number);
  const updated = await updateDisclosureRow(db, row.id, next, now);
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'dv.updated',
      targetType: 'dv_disclosure',
      targetId: row.id,
      // Column names only, never their values (nor whether a mandatory report is now due).
      detail: { caseId: caseRow.id, fields: changed.join(',') },
    },
    now,
  );
  return toOne(db, updated, caseRow.case_number);
}

/** 强制报告: records the report (a second call corrects it; both are audited). */
export async function recordMandatoryReport(
  call: WriteCall,
  input: ChannelParsed<'dv.recordMandatoryReport'>,
): Promise<DvDisclosure> {
  const { db, user, now } = call;
  const { row, caseRow } = await findVisibleDisclosureOrThrow(db, user, input.disclosureId);
  assertNotAfter(localDateAt(now), { reportedAt: input.reportedAt });
  const updated = await updateDisclosureRow(
    db,
    row.id,
    {
      mandatory_report_at: input.reportedAt,
      mandatory_report_to: input.reportedTo,
      mandatory_report_reference: input.reference,
      mandatory_report_recorded_by: user.id,
    },
    now,
  );
  await auditReport(call, row.id, caseRow.id, row.mandatory_report_at !== null);
  return toOne(db, updated, caseRow.case_number);
}

async function auditReport(
  call: WriteCall,
  disclosureId: string,
  caseId: string,
  corrected: boolean,
): Promise<void> {
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'dv.mandatory_report_recorded',
      targetType: 'dv_disclosure',
      targetId: disclosureId,
      detail: { caseId, corrected },
    },
    call.now,
  );
}
