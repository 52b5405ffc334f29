import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ArchiveExportInput,
  ArchiveExportResult,
  ArchiveOmission,
  ArchiveSelection,
  ExportPreview,
} from '../../shared/archive';
import { localDateTime } from '../../shared/calendar';
import { DomainError, isDomainError } from '../../shared/errors';
import { checkPassword } from '../../shared/password-strength';
import { actorOf, appendAudit } from '../audit';
import { latestSchemaVersion } from '../db';
import {
  CASE_ARCHIVE_EXTENSION,
  inTransaction,
  passphraseSealingKey,
  writeSealedFile,
  type ReadCall,
} from '../desk';
import {
  addPeopleOf,
  CASE_CHUNK,
  caseRows,
  chunks,
  familiesOfCases,
  familyRows,
  resolveSelection,
  userRows,
  volunteerRows,
  type FamilyRows,
  type SelectedCase,
} from './collect.repository';
import { emptyCounts, endLine, manifestLine, rowLine, type ArchiveCounts } from './encoding';
import { AUDIT_IDS_PER_ENTRY } from './audit-details';
import { writeFailure } from './errors';
import { archiveJobs, type JobHandle } from './jobs';
import { archiveNumbersOf, renderArchiveSummary, summaryCases, type SummaryCase } from './summary';
import { CASE_TABLES, FAMILY_TABLES, type ArchiveRow, type ArchiveTable } from './tables';

/*
 * 导出 (docs/domain.md "Case archives"). Two passes over the store, each a chunk of cases per short read
 * transaction (never one long transaction: the rest of the desk keeps working): the survey counts the rows
 * and finds the people and family archives they name; the write streams the rows into the sealed file
 * (src/main/desk/sealed-file.ts: temporary name, fsync, read back and verified, renamed). Should the store
 * change between the two passes (a colleague adds a record meanwhile), the write notices a count that no
 * longer matches the manifest and starts again, so the manifest always tells the truth.
 */

/** What the survey found: the manifest's counts and what the rows refer to. */
interface Survey {
  cases: SelectedCase[];
  counts: ArchiveCounts;
  omitted: ArchiveOmission[];
  users: Set<string>;
  volunteers: Set<string>;
  familyIds: string[];
}

const WRITE_ATTEMPTS = 3;

class StoreChanged extends Error {
  override readonly name = 'StoreChanged';
}

export async function previewExport(call: ReadCall, selection: ArchiveSelection): Promise<ExportPreview> {
  const cases = await resolveSelection(call.db, call.user, selection);
  const s = await survey(call, cases);
  return {
    caseCount: s.counts.cases,
    familyCount: s.counts.families,
    recordCount: s.counts.counselling_records,
    addendumCount: s.counts.record_addenda,
    referralCount: s.counts.referrals,
    supervisionCount: s.counts.supervision_items,
    visitCount: s.counts.followup_visits,
    dvDisclosureCount: s.counts.dv_disclosures,
    omitted: s.omitted,
  };
}

export async function exportArchive(call: ReadCall, input: ArchiveExportInput): Promise<ArchiveExportResult> {
  if (input.passphrase !== input.passphraseConfirm) throw new DomainError('ARCHIVE_PASSPHRASE_MISMATCH');
  // The password rule (src/shared/users/password-strength.ts), with the words an attacker would try first.
  const related = [call.user.username, call.user.displayName, call.open.settings.office.centreName];
  if (checkPassword(input.passphrase, related).problem) throw new DomainError('ARCHIVE_WEAK_PASSPHRASE');

  const jobs = archiveJobs(call.ctx);
  return jobs.run('export', async (job) => {
    const cases = await resolveSelection(call.db, call.user, input.selection);
    if (cases.length === 0) throw new DomainError('ARCHIVE_EMPTY_SELECTION');
    const folder = await call.ctx.chooseFolder('archive-export');
    if (folder === null || job.signal.aborted) return cancelled();
    await assertWritableFolder(folder);
    try {
      return await writeExport(call, input, cases, folder, job);
    } catch (e) {
      if (job.signal.aborted || (isDomainError(e) && e.code === 'ARCHIVE_CANCELLED')) return cancelled();
      throw e;
    }
  });
}

async function writeExport(
  call: ReadCall,
  input: ArchiveExportInput,
  cases: SelectedCase[],
  folder: string,
  job: JobHandle,
): Promise<ArchiveExportResult> {
  const sealing = await passphraseSealingKey(input.passphrase);
  const exportedAt = call.ctx.clock.now();
  const stamp = fileStamp(exportedAt);
  for (let attempt = 1; ; attempt++) {
    job.phase('collecting', cases.length);
    const s = await survey(call, cases, job);
    const summary: SummaryCase[] = [];
    const fileName = await freeName(folder, `案卷-${stamp}`, CASE_ARCHIVE_EXTENSION);
    job.phase('writing', cases.length);
    let written;
    try {
      written = await writeSealedFile(
        folder,
        fileName,
        sealing,
        content(call, s, exportedAt, job, input.summaryPdf ? summary : null),
        { signal: job.signal },
      );
    } catch (e) {
      if (e instanceof StoreChanged) {
        if (attempt < WRITE_ATTEMPTS) continue;
        // The cases kept changing under every attempt: no consistent copy, and no file was left.
        throw new DomainError('ARCHIVE_CASES_CHANGING');
      }
      throw writeFailure(e);
    }
    const path = written.path;
    try {
      const summaryFileName = input.summaryPdf
        ? await writeSummary(call, folder, `案卷摘要-${stamp}`, summary, exportedAt, job)
        : null;
      await inTransaction(call, async (c) => {
        const at = c.ctx.clock.now();
        await appendAudit(
          c.db,
          {
            ...actorOf(c.user),
            action: 'archive.exported',
            detail: {
              count: s.counts.cases,
              kind: input.selection.kind,
              fileName,
              summaryPdf: summaryFileName !== null,
              omitted: s.omitted.reduce((n, o) => n + o.count, 0),
              rows: Object.values(s.counts).reduce((n, v) => n + v, 0),
            },
          },
          at,
        );
        // Which cases left the desk: their ids, a hundred to an entry.
        for (const part of chunks(s.cases, AUDIT_IDS_PER_ENTRY)) {
          await appendAudit(
            c.db,
            {
              ...actorOf(c.user),
              action: 'case.exported',
              detail: { caseIds: part.map((x) => x.id).join(','), count: part.length, fileName },
            },
            at,
          );
        }
      });
      return {
        cancelled: false,
        fileName,
        folder,
        summaryFileName,
        caseCount: s.counts.cases,
        bytes: written.bytes,
      };
    } catch (e) {
      // Unaudited, or half a pair: nothing stays behind.
      await rm(path, { force: true });
      throw e;
    }
  }
}

function cancelled(): ArchiveExportResult {
  return { cancelled: true, fileName: null, folder: null, summaryFileName: null, caseCount: 0, bytes: 0 };
}

/** Pass one: counts, omissions, people and family archives (chunks read in short transactions). */
async function survey(call: ReadCall, cases: readonly SelectedCase[], job?: JobHandle): Promise<Survey> {
  const counts = emptyCounts();
  const users = new Set<string>();
  const volunteers = new Set<string>();
  let dvOmitted = 0;
  let referralsOmitted = 0;
  let done = 0;
  for (const part of chunks(cases, CASE_CHUNK)) {
    throwIfAborted(job);
    const { rows, omitted } = await inTransaction(call, (c) => caseRows(c.db, part));
    for (const table of CASE_TABLES) {
      counts[table] += rows[table].length;
      addPeopleOf(table, rows[table], users, volunteers);
    }
    dvOmitted += omitted.dvDisclosures;
    referralsOmitted += omitted.dvReferrals;
    done += part.length;
    job?.advance(done);
  }
  const caseIds = cases.map((c) => c.id);
  const familyIds = await familiesOfCases(call.db, call.user, caseIds);
  const exported = new Set(caseIds);
  for (const part of chunks(familyIds, CASE_CHUNK)) {
    const rows = await inTransaction(call, (c) => familyRows(c.db, part, exported));
    for (const table of FAMILY_TABLES) {
      counts[table] += rows[table].length;
      addPeopleOf(table, rows[table], users, volunteers);
    }
  }
  counts.users = users.size;
  counts.volunteers = volunteers.size;
  const omitted: ArchiveOmission[] = [];
  if (dvOmitted > 0) omitted.push({ what: 'dvDisclosures', count: dvOmitted, reason: 'role' });
  if (referralsOmitted > 0) omitted.push({ what: 'dvReferrals', count: referralsOmitted, reason: 'role' });
  return { cases: [...cases], counts, omitted, users, volunteers, familyIds };
}

/**
 * Pass two, as the sealed file's content: the manifest, the people, then each chunk of cases (parents
 * before children), then the family archives, then the end line. Throws StoreChanged when what it reads
 * no longer matches the survey.
 */
async function* content(
  call: ReadCall,
  s: Survey,
  exportedAt: Date,
  job: JobHandle,
  summary: SummaryCase[] | null,
): AsyncGenerator<Buffer> {
  const counts = emptyCounts();
  let total = 0;
  const lines = (table: ArchiveTable, rows: readonly ArchiveRow[]): string => {
    counts[table] += rows.length;
    total += rows.length;
    let out = '';
    for (const row of rows) out += rowLine(table, row);
    return out;
  };
  const checkPeople = (
    table: (typeof CASE_TABLES)[number] | (typeof FAMILY_TABLES)[number],
    rows: readonly ArchiveRow[],
  ) => {
    const users = new Set<string>();
    const volunteers = new Set<string>();
    addPeopleOf(table, rows, users, volunteers);
    for (const id of users) if (!s.users.has(id)) throw new StoreChanged();
    for (const id of volunteers) if (!s.volunteers.has(id)) throw new StoreChanged();
  };

  yield Buffer.from(
    manifestLine({
      exportedAt: exportedAt.toISOString(),
      sourceDevice: call.open.deviceId,
      schemaVersion: latestSchemaVersion(),
      counts: s.counts,
      omitted: s.omitted,
    }),
  );
  const people = await inTransaction(call, async (c) => ({
    users: await userRows(c.db, [...s.users]),
    volunteers: await volunteerRows(c.db, [...s.volunteers]),
  }));
  const userNames = new Map(people.users.map((u) => [u.id as string, u.display_name as string]));
  yield Buffer.from(lines('users', people.users) + lines('volunteers', people.volunteers));

  const caseIds = s.cases.map((c) => c.id);
  const exported = new Set(caseIds);
  const families: FamilyRows[] = [];
  for (const part of chunks(s.familyIds, CASE_CHUNK)) {
    families.push(await inTransaction(call, (c) => familyRows(c.db, part, exported)));
  }
  const archiveNumbers = new Map<string, string>();
  for (const f of families) for (const [k, v] of archiveNumbersOf(f)) archiveNumbers.set(k, v);

  let done = 0;
  for (const part of chunks(s.cases, CASE_CHUNK)) {
    throwIfAborted(job);
    const { rows } = await inTransaction(call, (c) => caseRows(c.db, part));
    let text = '';
    for (const table of CASE_TABLES) {
      checkPeople(table, rows[table]);
      text += lines(table, rows[table]);
    }
    if (summary) summary.push(...summaryCases(rows, archiveNumbers, userNames));
    yield Buffer.from(text);
    done += part.length;
    job.advance(done);
  }
  for (const rows of families) {
    let text = '';
    for (const table of FAMILY_TABLES) {
      checkPeople(table, rows[table]);
      text += lines(table, rows[table]);
    }
    yield Buffer.from(text);
  }
  for (const [table, n] of Object.entries(counts)) {
    if (s.counts[table as ArchiveTable] !== n) throw new StoreChanged();
  }
  job.phase('verifying', 1);
  yield Buffer.from(endLine(total));
}

/** The summary PDF beside the archive: rendered, then written under a temporary name and renamed. */
async function writeSummary(
  call: ReadCall,
  folder: string,
  stem: string,
  cases: readonly SummaryCase[],
  exportedAt: Date,
  job: JobHandle,
): Promise<string> {
  throwIfAborted(job);
  const htmlText = renderArchiveSummary(
    cases,
    call.open.settings.office.centreName,
    localDateTime(exportedAt),
  );
  let pdf: Buffer;
  try {
    pdf = await call.ctx.printToPdf(htmlText);
  } catch {
    throw new DomainError('PRINT_FAILED');
  }
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError('PRINT_FAILED');
  throwIfAborted(job);
  const fileName = await freeName(folder, stem, '.pdf');
  const final = join(folder, fileName);
  const partial = `${final}.partial`;
  try {
    const fh = await open(partial, 'wx', 0o600);
    try {
      await fh.writeFile(pdf);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(partial, final);
    return fileName;
  } catch (e) {
    await rm(partial, { force: true });
    const code = (e as { code?: string }).code;
    throw new DomainError(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'ARCHIVE_DISK_FULL' : 'ARCHIVE_FOLDER_UNAVAILABLE',
    );
  }
}

async function assertWritableFolder(folder: string): Promise<void> {
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
    await access(folder, constants.W_OK);
  } catch {
    throw new DomainError('ARCHIVE_FOLDER_UNAVAILABLE');
  }
}

/** `stem.ext`, or `stem-2.ext`, `stem-3.ext` … when taken (the writer never replaces a file). */
async function freeName(folder: string, stem: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`;
    const taken = await Promise.all(
      [name, `${name}.partial`].map((f) =>
        stat(join(folder, f)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!taken[0]) return name;
  }
}

/** 2026-12-03-153012 in office-local time: when, never who or what. */
function fileStamp(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)}-${local.slice(11, 19).replaceAll(':', '')}`;
}

function throwIfAborted(job: JobHandle | undefined): void {
  if (job?.signal.aborted) throw new DomainError('ARCHIVE_CANCELLED');
}
