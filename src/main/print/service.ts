import { DomainError, isDomainError } from '../../shared/errors';
import type { PdfFile } from '../../shared/print';
import type { AuditAction } from '../../shared/audit';
import { appendAudit, type AuditInput, actorOf } from '../audit';
import { findVisibleCaseOrThrow } from '../cases';
import type { DeskContext } from '../desk';
import { findVisibleRecordOrThrow, recordFormView, renderRecordForm } from '../records';
import { referralLetter, renderReferralLetter } from '../referrals';
import { renderCaseSummary } from './case-summary';
import { caseSummaryView } from './case-summary-view';
import { localDateTime } from '../../shared/calendar';

/*
 * 'print.*': check the caller may see the thing (the same NOT_FOUND answers as viewing it), build the
 * HTML, let the platform turn it into a PDF, and audit the print once the PDF exists. File names carry
 * the document kind and office numbers only — never a name (they end up in download folders).
 */

export async function printRecord(ctx: DeskContext, recordId: string): Promise<PdfFile> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const record = await findVisibleRecordOrThrow(db, open.user, recordId);
  const caseRow = await findVisibleCaseOrThrow(db, open.user, record.case_id);
  const now = ctx.clock.now();
  const view = await recordFormView(db, record, caseRow, open.settings.office, now);
  const suffix = record.session_date ? `-${record.session_date}` : '';
  return printAndAudit(ctx, renderRecordForm(view), `counselling-record-${caseRow.case_number}${suffix}`, {
    action: 'record.printed',
    targetType: 'record',
    targetId: record.id,
    detail: { caseId: caseRow.id, signed: record.status === 'signed' },
  });
}

export async function printCaseSummary(ctx: DeskContext, caseId: string): Promise<PdfFile> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const caseRow = await findVisibleCaseOrThrow(db, open.user, caseId);
  const view = await caseSummaryView(db, open.user, caseRow, open.settings.office, ctx.clock.now());
  return printAndAudit(ctx, renderCaseSummary(view), `case-summary-${caseRow.case_number}`, {
    action: 'case.printed',
    targetType: 'case',
    targetId: caseRow.id,
  });
}

export async function printReferralLetter(ctx: DeskContext, referralId: string): Promise<PdfFile> {
  // The letter's data comes from the protection service (visibility, DV rule); the print is audited here.
  const letter = await referralLetter(ctx, referralId, { audit: false });
  const html = renderReferralLetter(letter, localDateTime(ctx.clock.now()));
  return printAndAudit(ctx, html, `referral-letter-${letter.referenceNumber}`, {
    action: 'referral.letter_printed',
    targetType: 'referral',
    targetId: letter.referralId,
    detail: { caseId: letter.caseId, referenceNumber: letter.referenceNumber },
  });
}

async function printAndAudit(
  ctx: DeskContext,
  html: string,
  baseName: string,
  audit: Omit<AuditInput, 'actorId' | 'actorName' | 'action'> & { action: AuditAction },
): Promise<PdfFile> {
  const pdf = await renderPdf(ctx, html);
  const open = ctx.session.requireOpen();
  await appendAudit(open.store.db, { ...actorOf(open.user), ...audit }, ctx.clock.now());
  return { fileName: pdfFileName(baseName), pdfBase64: pdf.toString('base64') };
}

async function renderPdf(ctx: DeskContext, html: string): Promise<Buffer> {
  try {
    const pdf = await ctx.printToPdf(html);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    return pdf;
  } catch (e) {
    if (isDomainError(e)) throw e;
    // The cause stays out of the message (it may quote the document); the kind is enough for support.
    console.error(`[print] PDF failed: ${e instanceof Error ? e.constructor.name : typeof e}`);
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
