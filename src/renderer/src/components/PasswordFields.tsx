import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { confirmRules, newPasswordRules } from './rules';
import { StrengthMeter } from './StrengthMeter';

interface Props {
  name: string;
  confirmName: string;
  label: string;
  confirmLabel: string;
  autoFocus?: boolean;
}

/** A new password typed twice, with its strength shown under the first entry. */
export function PasswordFields({ name, confirmName, label, confirmLabel, autoFocus }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch<string | undefined>(name, form) ?? '';
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        rules={newPasswordRules(t)}
        extra={
          <>
            <StrengthMeter password={value} />
            <div className="field-hint">{t('strength.hint')}</div>
          </>
        }
      >
        <Input.Password autoComplete="new-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item label={confirmLabel} name={confirmName} dependencies={[name]} rules={confirmRules(t, name)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
