import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * What a page shows while its screens load (a route's own chunk, docs/architecture.md "Route split"): a
 * quiet spinner that appears only if the wait is noticeable, and a status that screen readers announce.
 */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-label={t('app.pageLoading')}>
      <Spin size="large" delay={150} />
    </div>
  );
}
