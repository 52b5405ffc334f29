import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Shown instead of a page the role may not open (the sidebar hides it too; a typed URL lands here). */
export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('shell.forbidden')}</h1>}
      subTitle={t('shell.forbiddenSub')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('shell.backHome')}
        </Button>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('shell.notFound')}</h1>}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('shell.backHome')}
        </Button>
      }
    />
  );
}
