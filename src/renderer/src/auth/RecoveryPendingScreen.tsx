import { useState } from 'react';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api';
import { AuthLayout, BusyButton, ErrorAlert, RecoveryFlow, type RecoveryPhase } from '../components';

interface Props {
  office: string | null;
  onFinished: () => void;
  onLogout: () => void;
}

/**
 * The code shown at setup (or recovery) was never confirmed — the app closed mid-way. It cannot be
 * shown again, so the admin gets a fresh one and confirms that instead.
 */
export function RecoveryPendingScreen({ office, onFinished, onLogout }: Props) {
  const { t } = useTranslation();
  const regenerate = useApiMutation('auth.regenerateRecovery');
  const [phase, setPhase] = useState<RecoveryPhase>('show');
  const issue = regenerate.data;

  return (
    <AuthLayout title={issue ? t('recovery.title') : t('recovery.pendingTitle')} office={office} wide>
      {issue ? (
        <RecoveryFlow issue={issue} phase={phase} onPhaseChange={setPhase} onDone={onFinished} />
      ) : (
        <>
          <Typography.Paragraph>{t('recovery.pendingIntro')}</Typography.Paragraph>
          <ErrorAlert error={regenerate.error} />
          <div className="form-actions">
            <BusyButton
              type="primary"
              size="large"
              autoFocus
              busy={regenerate.isPending}
              onClick={() => regenerate.mutate(null)}
            >
              {t('recovery.regenerate')}
            </BusyButton>
            <Button type="link" onClick={onLogout}>
              {t('shell.logout')}
            </Button>
          </div>
        </>
      )}
    </AuthLayout>
  );
}
