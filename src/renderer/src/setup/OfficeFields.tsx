import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { OFFICE_LEVELS } from '@shared/settings';
import { textField } from '../components';

interface Props {
  /** Name prefix inside the form ('office' → office.county …). */
  prefix: string;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** County, registry office, centre name and level; shared by the setup wizard and settings. */
export function OfficeFields({ prefix, autoFocus, disabled }: Props) {
  const { t } = useTranslation();
  const county = textField(t, 'setup.create', 'office.county');
  const registryOffice = textField(t, 'setup.create', 'office.registryOffice');
  const centreName = textField(t, 'setup.create', 'office.centreName');
  return (
    <>
      <Form.Item label={t('fields.county')} name={[prefix, 'county']} rules={county.rules}>
        <Input
          placeholder={t('fields.countyPlaceholder')}
          autoFocus={autoFocus}
          disabled={disabled}
          maxLength={county.maxLength}
        />
      </Form.Item>
      <Form.Item
        label={t('fields.registryOffice')}
        name={[prefix, 'registryOffice']}
        rules={registryOffice.rules}
      >
        <Input
          placeholder={t('fields.registryOfficePlaceholder')}
          disabled={disabled}
          maxLength={registryOffice.maxLength}
        />
      </Form.Item>
      <Form.Item label={t('fields.centreName')} name={[prefix, 'centreName']} rules={centreName.rules}>
        <Input
          placeholder={t('fields.centreNamePlaceholder')}
          disabled={disabled}
          maxLength={centreName.maxLength}
        />
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
