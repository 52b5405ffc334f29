import { useState } from 'react';
import { Alert, App, Button, Form, Popconfirm, Space, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { useCaseWrite } from '../hooks';
import { BusyButton, ErrorAlert, Page, todayPicker, useFormError } from '../../components';
import { BasicsStep } from './BasicsStep';
import { ConsentStep } from './ConsentStep';
import { FamilyStep } from './FamilyStep';
import { clearIntakeDraft, intakeDraft, saveIntakeDraft, type IntakeDraft } from './intakeDraft';
import { STEPS, stepOfPath, toIntakeInput, type IntakeValues, type StepKey } from './intakeForm';
import { IntakeSummary } from './IntakeSummary';
import { PartiesStep } from './PartiesStep';
import { ReasonsStep } from './ReasonsStep';
import { RiskStep } from './RiskStep';
import { StaffStep } from './StaffStep';

const STEP_VIEW: Record<StepKey, () => React.JSX.Element> = {
  basics: BasicsStep,
  consent: ConsentStep,
  parties: PartiesStep,
  family: FamilyStep,
  reasons: ReasonsStep,
  risk: RiskStep,
  staff: StaffStep,
};

const initialValues = (me: SessionUser): Partial<IntakeValues> => ({
  type: 'divorce_adjustment',
  filed: true,
  filing: { receivedDate: todayPicker(), receiptNumber: '' },
  consent: { consentedBy: 'both', consentedAt: todayPicker(), method: 'written' },
  parties: [{ documentType: 'resident_id' }, { documentType: 'resident_id' }],
  children: [],
  reasons: { categories: [], text: '' },
  risk: { domesticViolence: false, selfHarm: false, childAtRisk: false, elderlyAtRisk: false },
  counsellorId: can(me.role, 'cases.work') ? me.id : undefined,
});

/**
 * 新建案件. An unfinished form left earlier in this session (intakeDraft.ts) is offered first: continue it
 * or start again.
 */
export function IntakePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  // Read once on arrival: the wizard below keeps the draft up to date as it is typed.
  const [resume, setResume] = useState<IntakeDraft | null | 'ask'>(() => (intakeDraft() ? 'ask' : null));
  if (resume === 'ask') {
    const draft = intakeDraft();
    const stepName = t(`intake.step_${STEPS[draft?.step ?? 0] ?? 'basics'}`);
    return (
      <Page title={t('intake.title')} intro={t('intake.intro')}>
        <div className="panel">
          <Alert
            type="info"
            showIcon
            role="note"
            title={t('intake.draftTitle')}
            description={t('intake.draftBody', { step: stepName })}
          />
          <Space wrap className="form-actions">
            <Button type="primary" size="large" onClick={() => setResume(intakeDraft())}>
              {t('intake.draftContinue')}
            </Button>
            <Button
              size="large"
              onClick={() => {
                clearIntakeDraft();
                setResume(null);
              }}
            >
              {t('intake.draftRestart')}
            </Button>
          </Space>
        </div>
      </Page>
    );
  }
  return <IntakeWizard user={user} draft={resume} />;
}

/**
 * One form over seven steps (only the current step's fields are mounted and validated; the others keep
 * their values). Enter moves on; the last step creates the case and opens it.
 */
function IntakeWizard({ user, draft }: { user: SessionUser; draft: IntakeDraft | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<IntakeValues>();
  const formError = useFormError(form);
  const [step, setStepState] = useState(draft?.step ?? 0);
  // How many fields the last Enter / 下一步 found wrong: said once in an alert above the form.
  const [invalid, setInvalid] = useState(0);
  const create = useCaseWrite('cases.create');
  const last = step === STEPS.length - 1;
  const key = STEPS[step] ?? 'basics';
  const StepView = STEP_VIEW[key];

  // Every change is kept (in memory) so leaving through the sidebar loses nothing.
  const keep = (at: number) =>
    saveIntakeDraft({ values: form.getFieldsValue(true) as IntakeValues, step: at });
  const setStep = (next: number) => {
    setStepState(next);
    if (intakeDraft()) keep(next);
  };

  const submit = () => {
    formError.clear();
    const values = form.getFieldsValue(true) as IntakeValues;
    create.mutate(toIntakeInput(values), {
      onSuccess: (detail) => {
        clearIntakeDraft();
        void message.success(t('intake.created', { caseNumber: detail.caseNumber }));
        void navigate(`/cases/${detail.id}`, { replace: true });
      },
      onError: (error) => {
        // Go to the first step with a field the server named, then mark the fields once it is shown.
        const paths = Object.keys(error.fields ?? {});
        const target = STEPS.findIndex((s) => paths.some((p) => stepOfPath(p) === s));
        if (target < 0) {
          formError.report(error);
          return;
        }
        setStep(target);
        window.setTimeout(() => formError.report(error, (p) => (stepOfPath(p) === STEPS[target] ? p : null)));
      },
    });
  };

  const onFinish = () => {
    setInvalid(0);
    if (last) submit();
    else {
      formError.clear();
      setStep(step + 1);
    }
  };

  return (
    <Page title={t('intake.title')} intro={t('intake.intro')} focusHeading={false}>
      <div className="panel wizard">
        <Steps
          className="wizard-steps"
          size="small"
          current={step}
          items={STEPS.map((s) => ({ title: t(`intake.step_${s}`) }))}
        />
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={draft?.values ?? initialValues(user)}
          onValuesChange={() => keep(step)}
          onFinish={onFinish}
          onFinishFailed={({ errorFields }) => setInvalid(errorFields.length)}
          scrollToFirstError={{ focus: true }}
        >
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
          <StepView key={key} />
          {last ? <IntakeSummary /> : null}
          <Space wrap className="form-actions wizard-actions">
            {step > 0 ? (
              <Button
                size="large"
                onClick={() => {
                  setInvalid(0);
                  setStep(step - 1);
                }}
                disabled={create.isPending}
              >
                {t('common.back')}
              </Button>
            ) : null}
            <BusyButton type="primary" htmlType="submit" size="large" busy={create.isPending}>
              {last ? t('intake.create') : t('common.next')}
            </BusyButton>
            <Popconfirm
              title={t('intake.cancelConfirm')}
              description={t('intake.cancelConfirmBody')}
              okText={t('intake.cancelOk')}
              cancelText={t('intake.cancelKeep')}
              onConfirm={() => {
                clearIntakeDraft();
                void navigate('/cases');
              }}
            >
              <Button size="large" type="text" disabled={create.isPending}>
                {t('common.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        </Form>
      </div>
    </Page>
  );
}
