import { Descriptions, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_FLAGS } from '@shared/cases';
import { toLocalDate } from '../../components';
import { consentOf, type IntakeValues } from './intakeForm';

/** The last step's check before creating: what will be saved, in a few lines. */
export function IntakeSummary() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<IntakeValues>();
  const v = form.getFieldsValue(true) as IntakeValues;
  const consent = consentOf(v);
  const filed = v.type === 'divorce_adjustment' && v.filed;
  const risks = RISK_FLAGS.filter((f) => v.risk?.[f]).map((f) => t(`riskFlags.${f}`));
  const names = v.parties.map((p) => p.name?.trim() || '—').join(t('cases.partySep'));
  return (
    <Descriptions
      className="intake-summary"
      title={t('intake.summary')}
      size="small"
      column={1}
      bordered
      items={[
        { key: 'type', label: t('cases.type'), children: t(`caseTypes.${v.type}`) },
        {
          key: 'filing',
          label: t('intake.filed'),
          children: filed
            ? t('intake.summaryFiling', {
                date: toLocalDate(v.filing?.receivedDate) ?? '—',
                number: v.filing?.receiptNumber ?? '—',
              })
            : t('common.no'),
        },
        { key: 'parties', label: t('cases.colParties'), children: names },
        {
          key: 'consent',
          label: t('intake.step_consent'),
          children: consent
            ? t('intake.summaryConsent', {
                by: t(`consentBy.${consent.consentedBy}`),
                date: consent.consentedAt,
                method: t(`consentMethods.${consent.method}`),
              })
            : t('intake.summaryNoConsent'),
        },
        {
          key: 'risk',
          label: t('intake.step_risk'),
          children: risks.length > 0 ? risks.join(t('common.enumSep')) : t('intake.noRiskShort'),
        },
      ]}
    />
  );
}
