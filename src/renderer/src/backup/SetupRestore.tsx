import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../api';
import { BusyButton, ErrorAlert } from '../components';
import { BackupProgress } from './BackupProgress';
import { formatBytes } from './format';
import { RestoreForm } from './RestoreForm';

interface Props {
  onBack: () => void;
  /** The desk now holds the restored store (locked): the shell shows the sign-in screen. */
  onRestored: () => void;
}

/** 从备份恢复 in the first-run wizard: choose the file, give the credential valid then, restore. */
export function SetupRestore({ onBack, onRestored }: Props) {
  const { t } = useTranslation();
  const choose = useApiMutation('backup.chooseFile');
  const restore = useApiMutation('backup.restoreAtSetup');
  const cancel = useApiMutation('backup.cancel');
  const progress = useApiQuery('backup.progress', null, {
    enabled: restore.isPending,
    refetchInterval: restore.isPending ? 1_000 : false,
  });
  const [file, setFile] = useState<{ name: string; bytes: number } | null>(null);
  const [noFile, setNoFile] = useState(false);
  const task = restore.isPending ? (progress.data ?? null) : null;

  return (
    <div className="setup-restore">
      <Typography.Paragraph>{t('backup.setupIntro')}</Typography.Paragraph>
      <ErrorAlert error={choose.error} />
      <Space wrap className="form-actions">
        <BusyButton
          icon={<FolderOpenOutlined />}
          busy={choose.isPending}
          disabled={restore.isPending}
          autoFocus
          onClick={() =>
            choose.mutate(null, {
              onSuccess: (r) => {
                setNoFile(r.cancelled || !r.fileName);
                setFile(r.fileName ? { name: r.fileName, bytes: r.bytes } : null);
              },
            })
          }
        >
          {t('backup.chooseFile')}
        </BusyButton>
        <Button onClick={onBack} disabled={restore.isPending}>
          {t('backup.setupBack')}
        </Button>
      </Space>
      <div role="status">
        {file ? <p>{t('backup.fileChosen', { name: file.name, size: formatBytes(file.bytes) })}</p> : null}
        {noFile ? <p className="muted">{t('backup.noFile')}</p> : null}
      </div>
      {task ? (
        <BackupProgress task={task} cancelling={cancel.isPending} onCancel={() => cancel.mutate(null)} />
      ) : null}
      {file ? (
        <RestoreForm
          confirm={false}
          busy={restore.isPending}
          error={restore.error}
          onSubmit={(credential) => restore.mutate({ credential }, { onSuccess: onRestored })}
        />
      ) : null}
    </div>
  );
}
