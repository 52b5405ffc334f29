import { Alert, DatePicker, Form, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ConsentedBySchema, ConsentMethodSchema } from '@shared/cases';
import { todayPicker } from '../../components';
import { StepSection } from './StepSection';

/** 单独同意 (PIPL Art. 29): who consented, when and how; without it the case keeps only minimal data. */
export function ConsentStep() {
  const { t } = useTranslation();
  const hasConsent = Form.useWatch<boolean>('hasConsent');
  return (
    <StepSection title={t('intake.step_consent')} intro={t('intake.consentIntro')}>
      <Form.Item
        label={t('intake.hasConsent')}
        name="hasConsent"
        rules={[{ required: true, message: t('intake.consentChoose') }]}
      >
        <Radio.Group
          aria-label={t('intake.hasConsent')}
          optionType="button"
          options={[
            { value: true, label: t('intake.consentYes') },
            { value: false, label: t('intake.consentNo') },
          ]}
        />
      </Form.Item>
      {hasConsent ? (
        <>
          <Form.Item
            label={t('consent.by')}
            name={['consent', 'consentedBy']}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group
              aria-label={t('consent.by')}
              options={ConsentedBySchema.options.map((v) => ({ value: v, label: t(`consentBy.${v}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('consent.at')}
            name={['consent', 'consentedAt']}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              allowClear={false}
              aria-label={t('consent.at')}
              disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
            />
          </Form.Item>
          <Form.Item
            label={t('consent.method')}
            name={['consent', 'method']}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group
              aria-label={t('consent.method')}
              options={ConsentMethodSchema.options.map((v) => ({
                value: v,
                label: t(`consentMethods.${v}`),
              }))}
            />
          </Form.Item>
        </>
      ) : (
        <Alert
          type="warning"
          showIcon
          role="note"
          title={t('consent.minimalTitle')}
          description={t('consent.minimalBody')}
        />
      )}
    </StepSection>
  );
}
