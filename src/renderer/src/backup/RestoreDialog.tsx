import { App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RestoreSource } from '@shared/backup';
import { useApiMutation, useApiQuery } from '../api';
import { BackupProgress } from './BackupProgress';
import { RestoreForm } from './RestoreForm';

interface Props {
  /** What to restore: one of the automatic backups, or the file chosen before the dialog opened. */
  source: RestoreSource;
  /** The line naming it (time or file name). */
  description: string;
  onClose: () => void;
}

/** 从备份恢复: warn, ask for the credential valid at backup time, restore; the desk then signs out. */
export function RestoreDialog({ source, description, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const restore = useApiMutation('backup.restore');
  const cancel = useApiMutation('backup.cancel');
  // The restore runs in main's queue; its progress is read beside it (a public poll of counters only).
  const progress = useApiQuery('backup.progress', null, {
    enabled: restore.isPending,
    refetchInterval: restore.isPending ? 1_000 : false,
  });
  const task = restore.isPending ? (progress.data ?? null) : null;

  return (
    <Modal
      open
      title={t('backup.dialogTitle')}
      onCancel={restore.isPending ? undefined : onClose}
      closable={!restore.isPending}
      maskClosable={false}
      keyboard={!restore.isPending}
      footer={null}
      destroyOnHidden
    >
      <p>{description}</p>
      {restore.isPending && task?.kind === 'restore' ? (
        <BackupProgress task={task} cancelling={cancel.isPending} onCancel={() => cancel.mutate(null)} />
      ) : null}
      <RestoreForm
        confirm
        busy={restore.isPending}
        error={restore.error}
        onSubmit={(credential) =>
          restore.mutate(
            { source, credential },
            {
              onSuccess: (r) =>
                void message.success(
                  t('backup.restored', { time: new Date(r.backupCreatedAt).toLocaleString() }),
                ),
            },
          )
        }
      />
    </Modal>
  );
}
