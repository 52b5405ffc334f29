import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Section } from './sections';
import { Page } from '../components';

/** A section not built yet: says plainly what will be here, shows no made-up data. */
export function ComingSoon({
  section,
}: {
  section: Section & { comingSoon: NonNullable<Section['comingSoon']> };
}) {
  const { t } = useTranslation();
  return (
    <Page title={t(`nav.${section.key}`)}>
      <div className="coming-soon">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <p className="coming-soon-text">{t(`placeholder.${section.comingSoon}`)}</p>
              <p className="coming-soon-note">{t('shell.comingSoon')}</p>
            </>
          }
        />
      </div>
    </Page>
  );
}
