import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** The safety notes are printed for visiting volunteers: never DV details, only what keeps everyone safe. */
export function SafetyNotesWarning() {
  const { t } = useTranslation();
  return (
    <Alert
      className="form-alert"
      type="warning"
      showIcon
      role="note"
      title={t('families.safetyNotesWarningTitle')}
      description={t('families.safetyNotesWarning')}
    />
  );
}
