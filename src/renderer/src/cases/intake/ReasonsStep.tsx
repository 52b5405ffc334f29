import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { REASON_CATEGORIES } from '@shared/cases';
import { textField } from '../../components';
import { ConsentNotice } from './ConsentNotice';
import { StepSection } from './StepSection';
import { useCoverage } from './useCoverage';

/** 离婚原因: any number of categories, and a note in the counsellor's words. */
export function ReasonsStep() {
  const { t } = useTranslation();
  const covered = useCoverage().shared;
  const reasonText = textField(t, 'cases.create', 'reasons.text');
  return (
    <StepSection title={t('intake.step_reasons')} intro={t('intake.reasonsIntro')}>
      {covered ? null : <ConsentNotice />}
      <Form.Item label={t('intake.reasonCategories')} name={['reasons', 'categories']}>
        <Checkbox.Group
          aria-label={t('intake.reasonCategories')}
          className="checkbox-grid"
          disabled={!covered}
          options={REASON_CATEGORIES.map((v) => ({ value: v, label: t(`reasonCategories.${v}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('intake.reasonText')} name={['reasons', 'text']} rules={reasonText.rules}>
        <Input.TextArea
          disabled={!covered}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={reasonText.maxLength}
          showCount
        />
      </Form.Item>
    </StepSection>
  );
}
