import { Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArchiveProgress } from '@shared/archive';
import { BusyButton } from '../components';

interface Props {
  /** The bar's accessible name (导出进度 / 读取进度). */
  label: string;
  job: ArchiveProgress['job'] | undefined;
  /** Shown before main reports a job (the folder or file dialog is open). */
  waiting: string;
  cancelLabel: string;
  cancelling: boolean;
  onCancel: () => void;
}

/**
 * A running export or import read: its phase, a bar (polled ~300 ms) and 取消. Only the phase is a live
 * region (announced when it changes); the counts move too often to be read aloud, the bar carries them.
 */
export function JobProgress({ label, job, waiting, cancelLabel, cancelling, onCancel }: Props) {
  const { t } = useTranslation();
  const percent = job && job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0;
  const phase = job ? t(`archivePhases.${job.phase}`) : waiting;
  return (
    <div className="archive-progress">
      <p role="status" className="archive-progress-phase">
        {cancelling ? t('archive.cancelling') : phase}
      </p>
      <Progress percent={percent} status="active" aria-label={label} />
      <p className="muted small" aria-hidden="true">
        {job && job.total > 0 ? t('archive.progressCount', { done: job.done, total: job.total }) : ' '}
      </p>
      <BusyButton onClick={onCancel} busy={cancelling} danger>
        {cancelLabel}
      </BusyButton>
    </div>
  );
}
