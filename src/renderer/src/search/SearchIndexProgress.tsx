import { Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePendingProgress } from '../components';

/**
 * Above the results while a search is pending: when that search first builds the index (a store from
 * before migration 0004), how many cases are indexed of how many (search.indexProgress). Nothing for an
 * ordinary search. The phase line is the live region; the counts change too often to be read aloud, the
 * bar carries them.
 */
export function SearchIndexProgress() {
  const { t } = useTranslation();
  const build = usePendingProgress('search.indexProgress');
  if (!build) return null;
  const percent = build.total > 0 ? Math.min(100, Math.floor((build.done / build.total) * 100)) : 0;
  const count = t('searchIndex.count', { done: build.done, total: build.total });
  return (
    <div className="pending-progress">
      <p role="status">{t('searchIndex.building')}</p>
      <Progress
        aria-label={t('searchIndex.progressLabel')}
        aria-valuetext={count}
        percent={percent}
        status="active"
      />
      <p className="muted small" aria-hidden="true">
        {count}
      </p>
      <p className="muted small">{t('searchIndex.note')}</p>
    </div>
  );
}
