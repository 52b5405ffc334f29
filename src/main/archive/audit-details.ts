/*
 * What the archive audit entries may say (docs/domain.md "Case archives"): ids and counts, and the file
 * name only in the export's own pattern.
 */

/** Case ids per audit entry (a detail's code value holds up to 4,000 characters; a hundred ids fit). */
export const AUDIT_IDS_PER_ENTRY = 100;

/** A file name the audit may record: only the export's own pattern (a renamed file could name a person). */
export function auditableFileName(fileName: string): string | undefined {
  return /^案卷-\d{4}-\d{2}-\d{2}-\d{6}(-\d{1,4})?\.cdar$/u.test(fileName) ? fileName : undefined;
}
