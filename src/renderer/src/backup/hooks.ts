import { useApiMutation, useApiQuery } from '../api';

/** Every 2 s while a backup or restore runs (the progress bar), else every 30 s. */
export const useBackupStatus = () =>
  useApiQuery('backup.status', null, {
    refetchInterval: (query) => (query.state.data?.task ? 2_000 : 30_000),
  });

export const useBackupNow = () => useApiMutation('backup.now');
export const useBackupExport = () => useApiMutation('backup.exportTo');
export const useBackupCancel = () => useApiMutation('backup.cancel');
