import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/settings';

interface Props {
  id?: string;
  value?: Locale;
  onChange?: (value: Locale) => void;
  disabled?: boolean;
}

/** 中文 / English; each shown in its own language so anyone can find theirs. */
export function LanguagePicker({ id, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      id={id}
      aria-label={t('fields.language')}
      value={value}
      disabled={disabled}
      optionType="button"
      onChange={(e) => onChange?.(e.target.value as Locale)}
      options={LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))}
    />
  );
}
