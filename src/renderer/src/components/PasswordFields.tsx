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
  /** Other fields of the form (username, display name) the password must not be built on. */
  relatedFields?: string[];
  /** Words known beforehand (the signed-in user's names) the password must not be built on. */
  related?: string[];
}

/** A new password typed twice, with its strength shown under the first entry. */
export function PasswordFields({
  name,
  confirmName,
  label,
  confirmLabel,
  autoFocus,
  relatedFields = [],
  related = [],
}: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch<string | undefined>(name, form) ?? '';
  const words = (): string[] => [
    ...related,
    ...relatedFields
      .map((f) => form.getFieldValue(f) as unknown)
      .filter((v): v is string => typeof v === 'string'),
  ];
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        rules={newPasswordRules(t, words)}
        extra={
          <>
            <StrengthMeter password={value} related={words()} />
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
