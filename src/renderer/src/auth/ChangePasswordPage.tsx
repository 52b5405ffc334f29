import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './ChangePasswordForm';
import { Page } from '../components';

/** 修改密码: every user's own password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Page title={t('account.title')} intro={t('account.intro')} focusHeading={false}>
      <div className="panel">
        <ChangePasswordForm
          submitLabel={t('account.submit')}
          onChanged={() => void message.success(t('account.changed'))}
        />
      </div>
    </Page>
  );
}
