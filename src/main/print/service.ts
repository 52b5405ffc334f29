import type { AuditAction } from '../../shared/audit';
import { localDateTime } from '../../shared/calendar';
import { DomainError, isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import type { PdfFile } from '../../shared/print';
import { renderStatisticsReport, reportCharts } from '../../shared/documents';
import type { StatisticsInput } from '../../shared/statistics';
import { getFigures } from '../statistics';
import { findUser } from '../users';
import { actorOf, appendAudit, type AuditInput } from '../audit';
import { findVisibleCaseOrThrow } from '../cases';
import { inTransaction, type ReadCall } from '../desk';
import { packetEntry, readVisitPacket, renderVisitPacket } from '../followups';
import { renderSignInSheet, signInRowCount, signInSheetView } from '../events';
import { findVisibleRecordOrThrow, recordFormView, renderRecordForm } from '../records';
import { letterPrintedEntry, referralLetter, renderReferralLetter } from '../referrals';
import { renderCaseSummary } from './case-summary';
import { caseSummaryView } from './case-summary-view';

/*
 * 'print.*': check the caller may see the thing (the same NOT_FOUND answers as viewing it), build the
 * HTML from a read of the store, let the platform turn it into a PDF — no transaction is open while it
 * renders — and audit the print in a short transaction once the PDF exists. File names carry the document
 * kind and office numbers only — never a name (they end up in download folders).
 */

/** A document ready to print, and what its audit entry will say. */
interface PrintJob {
  html: string;
  baseName: string;
  audit: Omit<AuditInput, 'actorId' | 'actorName' | 'action'> & { action: AuditAction };
}

export async function recordJob(call: ReadCall, recordId: string): Promise<PrintJob> {
  const { db, user, now } = call;
  const record = await findVisibleRecordOrThrow(db, user, recordId);
  const caseRow = await findVisibleCaseOrThrow(db, user, record.case_id);
  const view = await recordFormView(db, record, caseRow, call.open.settings.office, now);
  const suffix = record.session_date ? `-${record.session_date}` : '';
  return {
    html: renderRecordForm(view),
    baseName: `counselling-record-${caseRow.case_number}${suffix}`,
    audit: {
      action: 'record.printed',
      targetType: 'record',
      targetId: record.id,
      detail: { caseId: caseRow.id, signed: record.status === 'signed' },
    },
  };
}

export async function caseSummaryJob(call: ReadCall, caseId: string): Promise<PrintJob> {
  const caseRow = await findVisibleCaseOrThrow(call.db, call.user, caseId);
  const view = await caseSummaryView(call.db, call.user, caseRow, call.open.settings.office, call.now);
  return {
    html: renderCaseSummary(view),
    baseName: `case-summary-${caseRow.case_number}`,
    audit: { action: 'case.printed', targetType: 'case', targetId: caseRow.id },
  };
}

export async function referralLetterJob(call: ReadCall, referralId: string): Promise<PrintJob> {
  // The letter's data comes from the referrals module (visibility, DV rule); the print is audited here.
  const letter = await referralLetter(call.db, call.user, referralId, call.open.settings.office, call.now);
  return {
    html: renderReferralLetter(letter, localDateTime(call.now)),
    baseName: `referral-letter-${letter.referenceNumber}`,
    audit: letterPrintedEntry(letter),
  };
}

/** An outreach event's sign-in sheet (签到表): named by the event's date only. */
export async function eventSignInSheetJob(call: ReadCall, eventId: string): Promise<PrintJob> {
  const view = await signInSheetView(call.db, eventId, call.open.settings.office);
  return {
    html: renderSignInSheet(view, localDateTime(call.now)),
    baseName: `sign-in-sheet-${view.date}`,
    audit: {
      action: 'event.sign_in_printed',
      targetType: 'event',
      targetId: view.eventId,
      detail: { date: view.date, rows: signInRowCount(view.attendeeCount) },
    },
  };
}

/** A volunteer's visit packet (回访包): their own visits only, as the packet channel answers. */
export async function visitPacketJob(call: ReadCall, visitId: string): Promise<PrintJob> {
  const packet = await readVisitPacket(call.db, call.user, visitId, call.open.settings.office, call.now);
  return {
    html: renderVisitPacket(packet, localDateTime(call.now)),
    baseName: `visit-packet-${packet.archiveNumber}-${packet.seq}`,
    audit: packetEntry(packet, 'printed'),
  };
}

/**
 * The statistics report (统计月报 / 季报 / 年报, or a custom range): the figures the 统计 page shows for
 * the same period and scope, its charts as SVG, every indicator's definition as a footnote. Counts only.
 */
export async function statisticsReportJob(call: ReadCall, input: StatisticsInput): Promise<PrintJob> {
  const figures = await getFigures(call.db, call.user, input, call.now);
  const counsellor = input.counsellorId ? await findUser(call.db, input.counsellorId) : null;
  const scope = counsellor
    ? `辅导员 ${counsellor.display_name} 负责的案件`
    : call.user.role === 'director'
      ? '全部案件'
      : '本人负责或陪护的案件';
  return {
    html: renderStatisticsReport({
      centreName: call.open.settings.office.centreName,
      from: input.from,
      to: input.to,
      scope,
      figures,
      charts: reportCharts(figures),
      printedAt: localDateTime(call.now),
    }),
    baseName: `statistics-report-${input.from}-${input.to}`,
    audit: {
      action: 'statistics.report_printed',
      detail: { from: input.from, to: input.to, userId: input.counsellorId ?? undefined },
    },
  };
}

/** Renders the job to a PDF, then audits the print (the PDF exists by then). */
export async function printJob(call: ReadCall, job: PrintJob): Promise<PdfFile> {
  const pdf = await renderPdf(call, job.html);
  await inTransaction(call, (c) =>
    appendAudit(c.db, { ...actorOf(c.user), ...job.audit }, c.ctx.clock.now()),
  );
  return { fileName: pdfFileName(job.baseName), pdfBase64: pdf.toString('base64') };
}

async function renderPdf(call: ReadCall, html: string): Promise<Buffer> {
  try {
    const pdf = await call.ctx.printToPdf(html);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    return pdf;
  } catch (e) {
    if (isDomainError(e)) throw e;
    // The cause stays out of the message (it may quote the document); the kind is enough for support.
    logFailure('print', 'PDF', e);
    throw new DomainError('PRINT_FAILED');
  }
}

/** ASCII letters, digits and dashes only: case numbers and dates are already that; anything else goes. */
export function pdfFileName(baseName: string): string {
  const safe = baseName
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${safe || 'document'}.pdf`;
}
