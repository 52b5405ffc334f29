import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COUNSELLING_TYPES } from '@shared/cases';
import { textField, todayPicker } from '../../components';
import type { IntakeValues } from './intakeForm';
import { StepSection } from './StepSection';

/** 辅导类别, and for 离婚调适辅导 whether the couple has filed (受理日期, 受理回执单编号). */
export function BasicsStep() {
  const { t } = useTranslation();
  const type = Form.useWatch<IntakeValues['type']>('type');
  const filed = Form.useWatch<boolean>('filed');
  const divorce = type === 'divorce_adjustment';
  const receiptNumber = textField(t, 'cases.create', 'filing.receiptNumber');
  return (
    <StepSection title={t('intake.step_basics')} intro={t('intake.basicsIntro')}>
      <Form.Item
        label={t('cases.type')}
        name="type"
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Radio.Group
          aria-label={t('cases.type')}
          className="radio-column"
          options={COUNSELLING_TYPES.map((v) => ({ value: v, label: t(`caseTypes.${v}`) }))}
        />
      </Form.Item>
      {divorce ? (
        <Form.Item label={t('intake.filed')} name="filed" extra={t('intake.filedHelp')}>
          <Radio.Group
            aria-label={t('intake.filed')}
            optionType="button"
            options={[
              { value: true, label: t('intake.filedYes') },
              { value: false, label: t('intake.filedNo') },
            ]}
          />
        </Form.Item>
      ) : null}
      {divorce && filed ? (
        <div className="field-row">
          <Form.Item
            label={t('intake.receivedDate')}
            name={['filing', 'receivedDate']}
            extra={t('intake.receivedDateHelp')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker
              allowClear={false}
              disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
              aria-label={t('intake.receivedDate')}
            />
          </Form.Item>
          <Form.Item
            label={t('intake.receiptNumber')}
            name={['filing', 'receiptNumber']}
            rules={receiptNumber.rules}
          >
            <Input
              maxLength={receiptNumber.maxLength}
              autoComplete="off"
              spellCheck={false}
              className="input-medium"
            />
          </Form.Item>
        </div>
      ) : null}
    </StepSection>
  );
}
