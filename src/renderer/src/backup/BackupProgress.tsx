import { Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BackupTask } from '@shared/backup';
import { BusyButton } from '../components';

interface Props {
  task: BackupTask;
  cancelling: boolean;
  onCancel: () => void;
}

/** The running backup or restore: its phase, a bar (indeterminate while the total is unknown), cancel. */
export function BackupProgress({ task, cancelling, onCancel }: Props) {
  const { t } = useTranslation();
  const percent = task.total ? Math.min(100, Math.floor((task.done / task.total) * 100)) : undefined;
  return (
    <div role="status" className="backup-progress">
      <Space wrap align="center">
        <span>{t(`backupPhases.${task.phase}`)}</span>
        <Progress
          aria-label={t('backup.progressLabel')}
          percent={percent ?? 100}
          status="active"
          showInfo={percent !== undefined}
          style={{ width: 240 }}
        />
        {task.cancellable ? (
          <BusyButton onClick={onCancel} busy={cancelling}>
            {t('backup.cancel')}
          </BusyButton>
        ) : null}
      </Space>
    </div>
  );
}
