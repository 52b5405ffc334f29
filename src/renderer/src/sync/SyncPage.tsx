import { App, Skeleton } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { SYNC_POLL_MS, useSyncStatus, useSyncStatusWrite } from './hooks';
import { BusyButton, ErrorAlert, Page } from '../components';
import { BatchHistory } from './BatchHistory';
import { SyncStatusPanel } from './SyncStatusPanel';
import { UsbCourierPanel } from './UsbCourierPanel';

/**
 * 同步: what waits to go to the county, when it last went, what went wrong, and the buttons to send it
 * now (network) or by USB stick. Every network and file step runs in main; this page only asks and
 * shows, so it stays usable while a run goes on.
 */
export function SyncPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = useSyncStatus(SYNC_POLL_MS.page);
  const syncNow = useSyncStatusWrite('sync.now');
  const enrolled = Boolean(status.data?.enrolment);

  const runNow = () => {
    syncNow.mutate(null, {
      onSuccess: (after) => {
        // A failed attempt is not an error of the call: the page shows it under 上次错误.
        if (after.lastError) void message.warning(t('sync.syncFailed'));
        else void message.success(t('sync.syncDone'));
      },
    });
  };

  const syncButton = (
    <BusyButton
      type="primary"
      size="large"
      icon={<SyncOutlined />}
      onClick={runNow}
      busy={syncNow.isPending}
      // One run at a time: the button waits, disabled, until this one is back.
      disabled={!enrolled || syncNow.isPending}
    >
      {syncNow.isPending ? t('sync.running') : t('sync.syncNow')}
    </BusyButton>
  );

  return (
    <Page title={t('sync.title')} intro={t('sync.intro')} extra={status.data ? syncButton : null}>
      <ErrorAlert error={syncNow.error} />
      {/* A failed poll keeps the last answer on screen, with the reason above it. */}
      <ErrorAlert error={status.error} />
      {status.data ? (
        <div className="sync-page">
          <SyncStatusPanel status={status.data} canManage={can(user.role, 'settings.manage')} />
          <UsbCourierPanel disabled={!enrolled} />
          <BatchHistory history={status.data.history} />
        </div>
      ) : status.isPending ? (
        <Skeleton active />
      ) : null}
    </Page>
  );
}
