import type { DomainHandlers } from '../dispatcher';
import { exportArchive, previewExport } from './export.service';
import { applyImport, chooseImport, discardImport, readImport } from './import.service';
import { archiveJobs } from './jobs';
import { resolveReview, reviewsOfCase } from './reviews';

/** 'archive.*' (src/shared/archive/contract.ts): thin wrappers over the services. */
export function archiveHandlers() {
  return {
    'archive.previewExport': (input, call) => previewExport(call, input.selection),
    'archive.export': (input, call) => exportArchive(call, input),
    'archive.progress': (_input, call) => Promise.resolve(archiveJobs(call.ctx).progress()),
    'archive.cancel': (_input, call) => {
      archiveJobs(call.ctx).cancel();
      return Promise.resolve(null);
    },
    'archive.chooseImport': (_input, call) => chooseImport(call),
    'archive.readImport': (input, call) => readImport(call, input.passphrase),
    'archive.applyImport': (input, call) => applyImport(call, input.replaceCaseIds),
    'archive.discardImport': (_input, call) => {
      discardImport(call);
      return Promise.resolve(null);
    },
    'archive.reviews': (input, call) => reviewsOfCase(call, input.caseId),
    'archive.resolveReview': (input, call) => resolveReview(call, input.reviewId),
  } satisfies DomainHandlers<'archive'>;
}
