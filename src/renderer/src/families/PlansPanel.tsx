import { useState } from 'react';
import { App, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail } from '@shared/families';
import type { Plan } from '@shared/followups';
import { useApiMutation } from '../api';
import { BusyButton, ErrorAlert } from '../components';
import { RecordVisitModal, type VisitToRecord } from '../followups';
import { AssignVolunteerModal } from './AssignVolunteerModal';
import { PanelHead } from './PanelHead';
import { PlanCard } from './PlanCard';
import type { ReasonRequest } from '../components';

interface Props {
  family: FamilyDetail;
  editable: boolean;
  confirm: (request: ReasonRequest) => void;
}

/** 回访计划: the running plan first (newest first), or 建立回访计划 when none runs. */
export function PlansPanel({ family, editable, confirm }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const createPlan = useApiMutation('followups.createPlan');
  const [assigning, setAssigning] = useState<Plan | null>(null);
  const [recording, setRecording] = useState<VisitToRecord | null>(null);
  const running = family.plans.some((p) => p.status !== 'closed');

  const create = () =>
    createPlan.mutate(
      { familyId: family.id },
      {
        onSuccess: (plan) =>
          void message.success(t('families.planCreated', { date: plan.visits[0]?.dueDate ?? '' })),
      },
    );

  return (
    <section className="panel" aria-labelledby="family-plans">
      <PanelHead id="family-plans" title={t('families.sectionPlans')} />
      {!running && editable ? (
        <div className="no-plan">
          <p>
            {family.plans.length === 0 ? t('families.noPlan') : t('families.noPlanRunning')}{' '}
            <span className="muted">{t('families.noPlanIntro')}</span>
          </p>
          <BusyButton type="primary" busy={createPlan.isPending} onClick={create}>
            {t('families.createPlan')}
          </BusyButton>
        </div>
      ) : null}
      <ErrorAlert error={createPlan.error} />
      {family.plans.length === 0 && !editable ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.noPlan')} />
      ) : null}
      {family.plans.map((plan) => (
        <PlanCard
          key={plan.id}
          plan={plan}
          archiveNumber={family.archiveNumber}
          editable={editable}
          confirm={confirm}
          onAssign={setAssigning}
          onRecord={setRecording}
        />
      ))}
      <AssignVolunteerModal plan={assigning} onClose={() => setAssigning(null)} />
      <RecordVisitModal visit={recording} onClose={() => setRecording(null)} />
    </section>
  );
}
