import { Alert, Checkbox, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_FLAGS, type Risk } from '@shared/cases';
import { StepSection } from './StepSection';

/** 风险筛查: always allowed, consent or not (the parties' vital interests come first). */
export function RiskStep() {
  const { t } = useTranslation();
  const risk = Form.useWatch<Risk | undefined>('risk');
  const any = risk ? RISK_FLAGS.some((f) => risk[f]) : false;
  return (
    <StepSection title={t('intake.step_risk')} intro={t('intake.riskIntro')}>
      <div className="risk-list">
        {RISK_FLAGS.map((flag) => (
          <Form.Item key={flag} name={['risk', flag]} valuePropName="checked" className="risk-item">
            <Checkbox>{t(`riskFlags.${flag}`)}</Checkbox>
          </Form.Item>
        ))}
      </div>
      {risk?.domesticViolence ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          role="note"
          title={t('intake.dvFlagTitle')}
          description={t('intake.dvFlagBody')}
        />
      ) : null}
      {risk?.selfHarm || risk?.childAtRisk || risk?.elderlyAtRisk ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          role="note"
          title={t('intake.riskActTitle')}
          description={t('intake.riskActBody')}
        />
      ) : null}
      {any ? null : <p className="muted">{t('intake.noRisk')}</p>}
    </StepSection>
  );
}
