import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { OFFICE_LEVELS } from '@shared/settings';
import { requiredRule } from '../components';

interface Props {
  /** Name prefix inside the form ('office' → office.county …). */
  prefix: string;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** County, registry office, centre name and level; shared by the setup wizard and settings. */
export function OfficeFields({ prefix, autoFocus, disabled }: Props) {
  const { t } = useTranslation();
  const rules = [requiredRule(t), { max: 60 }];
  return (
    <>
      <Form.Item label={t('fields.county')} name={[prefix, 'county']} rules={[requiredRule(t), { max: 40 }]}>
        <Input
          placeholder={t('fields.countyPlaceholder')}
          autoFocus={autoFocus}
          disabled={disabled}
          maxLength={40}
        />
      </Form.Item>
      <Form.Item label={t('fields.registryOffice')} name={[prefix, 'registryOffice']} rules={rules}>
        <Input placeholder={t('fields.registryOfficePlaceholder')} disabled={disabled} maxLength={60} />
      </Form.Item>
      <Form.Item label={t('fields.centreName')} name={[prefix, 'centreName']} rules={rules}>
        <Input placeholder={t('fields.centreNamePlaceholder')} disabled={disabled} maxLength={60} />
      </Form.Item>
      <Form.Item
        label={t('fields.level')}
        name={[prefix, 'level']}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Radio.Group
          aria-label={t('fields.level')}
          disabled={disabled}
          optionType="button"
          options={OFFICE_LEVELS.map((level) => ({ value: level, label: t(`levels.${level}`) }))}
        />
      </Form.Item>
    </>
  );
}
