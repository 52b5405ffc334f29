import { basename } from 'node:path';
import type { ArchiveChosen, ImportCase, ImportPreview, ImportResult } from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import {
  inTransaction,
  keyFromPassphrase,
  readSealedContent,
  readSealedHeader,
  type ReadCall,
} from '../desk';
import { readFailure } from './errors';
import { ContentReader, type ArchiveContent } from './encoding';
import { classify, groupContent } from './compare';
import { applyImport as applyToStore } from './apply';
import { archiveJobs } from './jobs';

/*
 * 导入 (docs/domain.md "Case archives"): choose the file (its clear header only), read it with the
 * passphrase — every chunk authenticated, every line validated, every reference resolved, and only then
 * compared with this desk — and keep the result in memory until the user confirms (applyImport: one
 * transaction) or discards it. Nothing is written to the store before the confirmation, and nothing at
 * all when any check fails.
 */

export async function chooseImport(call: ReadCall): Promise<ArchiveChosen> {
  const jobs = archiveJobs(call.ctx);
  const path = await call.ctx.chooseFile('archive-import');
  if (path === null) return { cancelled: true, fileName: null };
  try {
    await readSealedHeader(path, 'case-archive');
  } catch (e) {
    throw readFailure(e);
  }
  const fileName = basename(path);
  jobs.pending = { userId: call.user.id, path, fileName, read: null };
  return { cancelled: false, fileName };
}

export async function readImport(call: ReadCall, passphrase: string): Promise<ImportPreview> {
  const jobs = archiveJobs(call.ctx);
  const pending = jobs.pending;
  if (!pending || pending.userId !== call.user.id) throw new DomainError('ARCHIVE_NO_IMPORT_CHOSEN');
  pending.read = null;
  return jobs.run('import', async (job) => {
    let content: ArchiveContent;
    try {
      const header = await readSealedHeader(pending.path, 'case-archive');
      const key = await keyFromPassphrase(header, passphrase);
      const reader = new ContentReader();
      for await (const chunk of readSealedContent(pending.path, key, {
        signal: job.signal,
        onProgress: (read, size) => {
          job.phase('reading', size);
          job.advance(read);
        },
      })) {
        reader.push(chunk);
      }
      content = reader.finish();
    } catch (e) {
      throw job.signal.aborted ? new DomainError('ARCHIVE_CANCELLED') : readFailure(e);
    }
    const grouped = groupContent(content);
    const classified = await classify(call.db, content, grouped);
    if (job.signal.aborted) throw new DomainError('ARCHIVE_CANCELLED');
    pending.read = { content, cases: classified.cases };
    return preview(content, classified.cases);
  });
}

export async function applyImport(call: ReadCall, replaceCaseIds: readonly string[]): Promise<ImportResult> {
  const jobs = archiveJobs(call.ctx);
  const pending = jobs.pending;
  if (!pending || pending.userId !== call.user.id || !pending.read) throw new DomainError('ARCHIVE_NOT_READ');
  const read = pending.read;
  const states = new Map(read.cases.map((c) => [c.caseId, c.state]));
  const replace = new Set(replaceCaseIds);
  for (const id of replace)
    if (states.get(id) !== 'archive_newer') throw new DomainError('ARCHIVE_REPLACE_NOT_NEWER');
  const result = await jobs.run('import', async (job) => {
    job.phase('applying', read.cases.length);
    // Thousands of cases at once: the WAL's copy into desk.db is left to a background checkpoint.
    return call.open.store.writeDeferringCheckpoint(call.open.dbKey, () =>
      inTransaction(call, (c) => applyToStore(c, read.content, read.cases, replace, pending.fileName)),
    );
  });
  jobs.pending = null;
  return result;
}

export function discardImport(call: ReadCall): void {
  const jobs = archiveJobs(call.ctx);
  if (jobs.pending?.userId === call.user.id) jobs.pending = null;
}

function preview(content: ArchiveContent, cases: ImportCase[]): ImportPreview {
  const { counts } = content.manifest;
  return {
    exportedAt: content.manifest.exportedAt,
    caseCount: counts.cases,
    familyCount: counts.families,
    recordCount: counts.counselling_records,
    referralCount: counts.referrals,
    visitCount: counts.followup_visits,
    dvDisclosureCount: counts.dv_disclosures,
    omitted: content.manifest.omitted,
    cases,
  };
}
