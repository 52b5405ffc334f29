import type { ChannelInput } from '@shared/contract';
import { useApiMutation, useApiQuery } from '../api';

/** How often the progress bar reads the running job (archive.progress is a poll: not user activity). */
export const PROGRESS_POLL_MS = 300;

export type Selection = ChannelInput<'archive.previewExport'>['selection'];

/** What an export of `selection` holds and leaves out; read afresh each time the dialog opens. */
export const useExportPreview = (selection: Selection) =>
  useApiQuery('archive.previewExport', { selection }, { staleTime: 0, gcTime: 0 });

/** The running export or import, polled only while `running` (the call that started it has not answered). */
export const useArchiveProgress = (running: boolean) =>
  useApiQuery('archive.progress', null, {
    enabled: running,
    refetchInterval: running ? PROGRESS_POLL_MS : false,
    staleTime: 0,
    gcTime: 0,
  });

/** The 待核对 links of a case (an import kept two versions of it). */
export const useReviews = (caseId: string) => useApiQuery('archive.reviews', { caseId });

/** archive.cancel: stops the running export (it answers `cancelled`) or import read (ARCHIVE_CANCELLED). */
export const useArchiveCancel = () => useApiMutation('archive.cancel');
