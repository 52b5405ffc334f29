import { Button, DatePicker, Form, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ChildLivesWithSchema } from '@shared/cases';
import { listMax, numberField, todayPicker } from '../../components';
import { ConsentNotice } from './ConsentNotice';
import { StepSection } from './StepSection';
import { useCoverage } from './useCoverage';

/** 婚姻与子女: marriage date and one row per child (age, who the child lives with). */
export function FamilyStep() {
  const { t } = useTranslation();
  const covered = useCoverage().shared;
  const age = numberField('cases.create', 'children.0.age');
  const maxChildren = listMax('cases.create', 'children');
  return (
    <StepSection title={t('intake.step_family')} intro={t('intake.familyIntro')}>
      {covered ? null : <ConsentNotice />}
      <Form.Item label={t('intake.marriageDate')} name="marriageDate">
        <DatePicker
          disabled={!covered}
          aria-label={t('intake.marriageDate')}
          disabledDate={(d: Dayjs) => d.isAfter(todayPicker(), 'day')}
        />
      </Form.Item>
      <fieldset className="plain-fieldset" disabled={!covered}>
        <legend className="field-legend">{t('intake.children')}</legend>
        <Form.List name="children">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? <p className="muted">{t('intake.noChildren')}</p> : null}
              {fields.map((field, i) => (
                <Space key={field.key} align="start" className="child-row" wrap>
                  <Form.Item
                    label={t('intake.childAge', { n: i + 1 })}
                    name={[field.name, 'age']}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <InputNumber
                      min={age.min}
                      max={age.max}
                      precision={0}
                      disabled={!covered}
                      suffix={t('intake.years')}
                    />
                  </Form.Item>
                  <Form.Item
                    label={t('intake.childLivesWith', { n: i + 1 })}
                    name={[field.name, 'livesWith']}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select
                      className="input-medium"
                      disabled={!covered}
                      options={ChildLivesWithSchema.options.map((v) => ({
                        value: v,
                        label: t(`livesWith.${v}`),
                      }))}
                    />
                  </Form.Item>
                  <Button
                    className="child-remove"
                    icon={<DeleteOutlined />}
                    aria-label={t('intake.removeChild', { n: i + 1 })}
                    disabled={!covered}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                disabled={!covered || fields.length >= maxChildren}
                onClick={() => add({ livesWith: 'both' })}
              >
                {t('intake.addChild')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
    </StepSection>
  );
}
