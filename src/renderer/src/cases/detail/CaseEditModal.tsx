import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/cases';
import { useCaseWrite } from '../hooks';
import { BusyButton, ErrorAlert, useFormError, useGuardedClose } from '../../components';
import { BasicsStep } from '../intake/BasicsStep';
import { toUpdateInput, valuesOfCase } from '../intake/editForm';
import { FamilyStep } from '../intake/FamilyStep';
import { stepOfPath, type IntakeValues, type StepKey } from '../intake/intakeForm';
import { PartiesStep } from '../intake/PartiesStep';
import { ReasonsStep } from '../intake/ReasonsStep';
import { RiskStep } from '../intake/RiskStep';
import { StaffStep } from '../intake/StaffStep';

/** The intake's steps, minus consent (its own channel); the counsellor shows but is locked. */
const EDIT_STEPS = ['basics', 'parties', 'family', 'reasons', 'risk', 'staff'] as const;
type EditStep = (typeof EDIT_STEPS)[number];

const STEP_VIEW: Record<EditStep, () => React.JSX.Element> = {
  basics: BasicsStep,
  parties: PartiesStep,
  family: FamilyStep,
  reasons: ReasonsStep,
  risk: RiskStep,
  staff: LockedStaffStep,
};

function LockedStaffStep() {
  return <StaffStep counsellorLocked />;
}

const isEditStep = (s: StepKey | null): s is EditStep => EDIT_STEPS.some((e) => e === s);

interface Props {
  detail: CaseDetail;
  onClose: () => void;
}

/**
 * 编辑案件: the intake's fields on tabs, filled from the case. Only tabs already opened are mounted (and
 * validated); the others keep the case's values. Mounted only while open, so each opening starts afresh.
 */
export function CaseEditModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IntakeValues>();
  const formError = useFormError(form);
  const update = useCaseWrite('cases.update');
  const [active, setActive] = useState<EditStep>('basics');
  const [visited, setVisited] = useState<ReadonlySet<EditStep>>(() => new Set(['basics']));
  const [invalid, setInvalid] = useState(0);
  const close = useGuardedClose(form, onClose);

  const show = (step: EditStep) => {
    setActive(step);
    setVisited((v) => new Set(v).add(step));
  };

  const submit = () => {
    formError.clear();
    setInvalid(0);
    const values = form.getFieldsValue(true) as IntakeValues;
    update.mutate(toUpdateInput(detail.id, values), {
      onSuccess: (updated) => {
        void message.success(t('caseDetail.edited', { caseNumber: updated.caseNumber }));
        onClose();
      },
      onError: (error) => {
        // Open the tab of the first field the desk named, then mark every field that is mounted by then.
        const paths = Object.keys(error.fields ?? {});
        const target = EDIT_STEPS.find((s) => paths.some((p) => stepOfPath(p) === s));
        if (!target) {
          formError.report(error);
          return;
        }
        const mounted = new Set(visited).add(target);
        show(target);
        window.setTimeout(() =>
          formError.report(error, (p) => {
            const step = stepOfPath(p);
            return isEditStep(step) && mounted.has(step) ? p : null;
          }),
        );
      },
    });
  };

  const consent = detail.consent;
  return (
    <Modal
      open
      title={t('caseDetail.editTitle', { caseNumber: detail.caseNumber })}
      onCancel={close}
      footer={null}
      maskClosable={false}
      width={960}
      className="case-edit-modal"
    >
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={valuesOfCase(detail)}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          setInvalid(errorFields.length);
          const first = errorFields[0]?.name.join('.') ?? '';
          const step = stepOfPath(first);
          if (isEditStep(step)) show(step);
        }}
        scrollToFirstError={{ focus: true }}
      >
        <Alert
          className="form-alert"
          type="info"
          showIcon
          role="note"
          title={
            consent
              ? t('caseDetail.editConsent', {
                  summary: t('intake.summaryConsent', {
                    by: t(`consentBy.${consent.consentedBy}`),
                    date: consent.consentedAt,
                    method: t(`consentMethods.${consent.method}`),
                  }),
                })
              : t('caseDetail.editNoConsent')
          }
        />
        <ErrorAlert error={formError.error} />
        {invalid > 0 ? (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            role="alert"
            title={t('intake.fixFields', { count: invalid })}
          />
        ) : null}
        <Tabs
          activeKey={active}
          onChange={(key) => show(key as EditStep)}
          items={EDIT_STEPS.map((s) => {
            const View = STEP_VIEW[s];
            return { key: s, label: t(`intake.step_${s}`), children: <View /> };
          })}
        />
        <Space className="modal-actions">
          <Button onClick={close} disabled={update.isPending}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="primary" htmlType="submit" busy={update.isPending}>
            {t('caseDetail.editSave')}
          </BusyButton>
        </Space>
      </Form>
    </Modal>
  );
}
