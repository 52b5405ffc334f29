import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** 婚姻登记条例 (2025) Art. 6: the registry tells a victim how to get help. Shown until that is recorded. */
export function HelpInfoReminder() {
  const { t } = useTranslation();
  return (
    <Alert
      className="form-alert"
      type="warning"
      showIcon
      role="note"
      title={t('dv.helpTitle')}
      description={
        <>
          <ul className="help-list">
            <li>{t('dv.help110')}</li>
            <li>{t('dv.helpWarning')}</li>
            <li>{t('dv.helpOrder')}</li>
            <li>{t('dv.help12338')}</li>
            <li>{t('dv.helpShelter')}</li>
          </ul>
          <p className="muted small">{t('dv.helpTick')}</p>
        </>
      }
    />
  );
}
