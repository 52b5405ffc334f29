import { Alert, App, Button, Empty, Form, Modal, Radio, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Plan } from '@shared/followups';
import type { VolunteerSummary } from '@shared/volunteers';
import { useApiMutation, useApiQuery } from '../api';
import { BusyButton, ErrorAlert, useFormError } from '../components';

/** The whole roster page the dialog reads (a county's roster fits in one). */
const ROSTER_PAGE = 200;

/**
 * 指派志愿者: one volunteer for the whole plan (one-to-one). Only eligible volunteers can be picked
 * (active, confidentiality pledge signed); the others are listed greyed out with the reason, so the
 * counsellor sees why someone is missing.
 */
export function AssignVolunteerModal({ plan, onClose }: { plan: Plan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ volunteerId?: string }>();
  const formError = useFormError(form);
  const assign = useApiMutation('followups.assign');
  const open = plan !== null;
  const eligible = useApiQuery(
    'volunteers.list',
    { eligibleOnly: true, status: 'active', pageSize: ROSTER_PAGE },
    { enabled: open },
  );
  const active = useApiQuery(
    'volunteers.list',
    { status: 'active', pageSize: ROSTER_PAGE },
    { enabled: open },
  );

  const pickable = eligible.data?.rows ?? [];
  const blocked = (active.data?.rows ?? []).filter(
    (v) => v.ineligibleReasons.length > 0 && !pickable.some((p) => p.id === v.id),
  );

  const submit = ({ volunteerId }: { volunteerId?: string }) => {
    if (!plan || !volunteerId) return;
    formError.clear();
    assign.mutate(
      { planId: plan.id, volunteerId },
      {
        onSuccess: (p) => {
          void message.success(t('families.assigned', { name: p.volunteer?.name ?? '' }));
          form.resetFields();
          onClose();
        },
        onError: (e) => formError.report(e),
      },
    );
  };

  const option = (v: VolunteerSummary, disabled: boolean, first: boolean) => (
    <Radio key={v.id} value={v.id} disabled={disabled} autoFocus={first}>
      <span className="volunteer-option">
        <strong>{v.name}</strong>
        <span className="muted">
          {v.profession === 'other' && v.professionOther
            ? v.professionOther
            : t(`professions.${v.profession}`)}
        </span>
        {disabled ? (
          v.ineligibleReasons.map((r) => (
            <Tag key={r} color="orange">
              {t(`ineligibleReasons.${r}`)}
            </Tag>
          ))
        ) : (
          <span className="muted small">{t('families.openVisits', { n: v.openVisits })}</span>
        )}
        {v.id === plan?.volunteer?.id ? <Tag color="blue">{t('families.currentVolunteer')}</Tag> : null}
      </span>
    </Radio>
  );

  return (
    <Modal
      open={open}
      title={plan?.volunteer ? t('families.reassignTitle') : t('families.assignTitle')}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <p>{t('families.assignIntro')}</p>
        <Alert className="assign-hint" type="info" showIcon role="note" title={t('families.assignHint')} />
        <ErrorAlert error={formError.error ?? eligible.error ?? active.error} />
        {eligible.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <>
            {pickable.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('families.noEligible')} />
            ) : null}
            <Form.Item
              label={t('families.assignPick')}
              name="volunteerId"
              rules={[{ required: true, message: t('families.assignPickRequired') }]}
              hidden={pickable.length === 0 && blocked.length === 0}
            >
              <Radio.Group aria-label={t('families.assignPick')} className="volunteer-list">
                {pickable.map((v, i) => option(v, false, i === 0))}
                {blocked.map((v) => option(v, true, false))}
              </Radio.Group>
            </Form.Item>
          </>
        )}
        <Space className="modal-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <BusyButton
            type="primary"
            htmlType="submit"
            busy={assign.isPending}
            disabled={pickable.length === 0}
          >
            {t('families.assignButton')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
