import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail } from '@shared/families';
import type { Visit } from '@shared/followups';
import { errorMessage, useApiMutation } from '../api';
import { BusyButton } from '../components';

/**
 * Safety concerns a visitor raised that nobody has acknowledged yet: at the top of the archive, each with
 * the visitor's note and 确认已知悉 (it then leaves the dashboard). Counsellors and directors only.
 */
export function ConcernAlerts({ family, canAcknowledge }: { family: FamilyDetail; canAcknowledge: boolean }) {
  const open = family.plans.flatMap((p) => p.visits).filter((v) => v.safetyConcern && !v.safetyAcknowledged);
  if (open.length === 0) return null;
  return (
    <>
      {open.map((v) => (
        <ConcernAlert key={v.id} visit={v} canAcknowledge={canAcknowledge} />
      ))}
    </>
  );
}

function ConcernAlert({ visit, canAcknowledge }: { visit: Visit; canAcknowledge: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const acknowledge = useApiMutation('followups.acknowledgeConcern');
  return (
    <Alert
      className="concern-alert"
      type="error"
      showIcon
      role="alert"
      title={t('families.concernTitle', {
        n: visit.seq,
        date: visit.visitDate ?? '',
        who: visit.recordedBy?.displayName ?? '',
      })}
      description={
        <>
          <p className="concern-note pre-wrap">{visit.safetyNote}</p>
          {canAcknowledge ? (
            <BusyButton
              danger
              busy={acknowledge.isPending}
              onClick={() =>
                acknowledge.mutate(
                  { visitId: visit.id },
                  {
                    onSuccess: () => void message.success(t('families.acknowledged')),
                    onError: (e) => void message.error(errorMessage(e)),
                  },
                )
              }
            >
              {t('families.acknowledge')}
            </BusyButton>
          ) : null}
        </>
      }
    />
  );
}
