import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Escape, the × and 取消 close a form's modal at once when nothing was typed; once something was, they
 * ask first, so a long text (a DV account, a referral reason) is never thrown away by a stray key.
 */
export function useGuardedClose(form: FormInstance, onClose: () => void): () => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return () => {
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('common.discardTitle'),
      content: t('common.discardBody'),
      okText: t('common.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.keepEditing'),
      autoFocusButton: 'cancel',
      onOk: onClose,
    });
  };
}
