import { Progress } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StoreUpgrade } from '@shared/auth';
import { usePendingProgress } from '../components';

interface Shown {
  /** The phase line (the live region). */
  phase: string;
  /** Measured work (backup bytes sealed or read back) in percent; null: a moving bar without a value. */
  percent: number | null;
  /** The bar's value in words, where it has one. */
  valueText?: string;
}

function shown(t: TFunction, upgrade: StoreUpgrade): Shown {
  switch (upgrade.phase) {
    case 'backup':
    case 'check': {
      const percent = upgrade.total ? Math.min(100, Math.floor((upgrade.done / upgrade.total) * 100)) : null;
      const backup = upgrade.phase === 'backup';
      return {
        phase: t(backup ? 'upgrade.backup' : 'upgrade.check'),
        percent,
        valueText:
          percent === null ? undefined : t(backup ? 'upgrade.backupDone' : 'upgrade.checkDone', { percent }),
      };
    }
    case 'migrate':
      return {
        phase: t('upgrade.migrate', { step: upgrade.step, steps: upgrade.steps }),
        percent: null,
        valueText: t('upgrade.migrateStep', { step: upgrade.step, steps: upgrade.steps }),
      };
  }
}

/**
 * Under the sign-in button while a sign-in is pending: when that sign-in upgrades an older store (the
 * first after an update: a backup, its read-back, the migrations), what it is doing and how far
 * (auth.upgradeProgress). Nothing for an ordinary sign-in. The phase line is the live region; the bar
 * carries the percent, which changes too often to be read aloud.
 */
export function UpgradeProgress() {
  const { t } = useTranslation();
  const upgrade = usePendingProgress('auth.upgradeProgress');
  if (!upgrade) return null;
  const { phase, percent, valueText } = shown(t, upgrade);
  return (
    <div className="pending-progress">
      <p role="status">{phase}</p>
      <Progress
        aria-label={t('upgrade.progressLabel')}
        // antd sets aria-valuenow from `percent`: a moving bar must not announce 100.
        aria-valuenow={percent ?? undefined}
        aria-valuetext={valueText}
        percent={percent ?? 100}
        status="active"
        showInfo={percent !== null}
      />
      <p className="muted small">{t('upgrade.note')}</p>
    </div>
  );
}
