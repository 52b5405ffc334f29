import { useEffect, useRef, useState } from 'react';
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSyncStatus } from './hooks';
import { ErrorAlert } from '../components';
import { SyncEnrolForm } from './SyncEnrolForm';
import { SyncEnrolmentView } from './SyncEnrolmentView';
import { SyncSettingsForm } from './SyncSettingsForm';

/** Set by the 同步 page's "go to 设置 → 同步" link: scroll here and put the cursor in the code box. */
function useArrivedForSync(): boolean {
  const state: unknown = useLocation().state;
  return typeof state === 'object' && state !== null && (state as { focus?: unknown }).focus === 'sync';
}

/** 设置 → 同步 (admins): enrol with the county's code, then the fingerprints and the automatic sync. */
export function SyncSettingsCard() {
  const { t } = useTranslation();
  const status = useSyncStatus(false);
  const arrived = useArrivedForSync();
  const card = useRef<HTMLDivElement>(null);
  const [justEnrolled, setJustEnrolled] = useState(false);

  useEffect(() => {
    if (arrived) card.current?.scrollIntoView({ block: 'start' });
  }, [arrived]);

  const data = status.data;
  return (
    <Card
      className="panel"
      title={t('syncSettings.title')}
      variant="borderless"
      ref={card}
      id="settings-sync"
    >
      <ErrorAlert error={status.error} />
      {!data ? (
        status.isPending ? (
          <Skeleton active />
        ) : null
      ) : data.enrolment ? (
        <>
          <SyncEnrolmentView enrolment={data.enrolment} focus={justEnrolled} />
          <SyncSettingsForm settings={data.settings} />
        </>
      ) : (
        <SyncEnrolForm autoFocus={arrived} onEnrolled={() => setJustEnrolled(true)} />
      )}
    </Card>
  );
}
