import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Said wherever sensitive fields are disabled for want of consent: why, and how to change it. */
export function ConsentNotice({ partial = false }: { partial?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="form-alert"
      type="info"
      showIcon
      role="note"
      title={partial ? t('consent.partialTitle') : t('consent.minimalTitle')}
      description={t('consent.disabledBody')}
    />
  );
}
