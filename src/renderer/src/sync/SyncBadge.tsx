import type { ReactNode } from 'react';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { SYNC_POLL_MS, useSyncStatus } from './hooks';

/** What the 同步 menu item adds: a badge on the right and a name that says what the badge means. */
export interface SyncMenuExtra {
  extra?: ReactNode;
  'aria-label': string;
}

/**
 * The sidebar's sync indicator, for every signed-in user: a red "!" when the last attempt failed, else the
 * number of changes waiting, all of it and with separators (12,345, never "999+"; nothing when all is
 * sent). The badge itself is hidden from screen readers;
 * the menu item's accessible name carries the same words ("同步：有 12 条待同步", "同步出错").
 */
export function useSyncMenuExtra(): SyncMenuExtra {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus(SYNC_POLL_MS.sidebar);
  const data = status.data;
  // Named outright in every state (else the icon's own label would lead the name: "cloud-sync 同步").
  const plain = { 'aria-label': t('nav.sync') };
  if (!data) return plain;
  if (data.lastError) {
    return {
      extra: (
        <span aria-hidden="true" className="sync-badge">
          <Badge count="!" color="#cf1322" title="" />
        </span>
      ),
      'aria-label': t('sync.badgeError'),
    };
  }
  if (data.pendingChanges > 0) {
    return {
      extra: (
        <span aria-hidden="true" className="sync-badge">
          <Badge
            count={new Intl.NumberFormat(i18n.language).format(data.pendingChanges)}
            // antd caps even a numeric string ("146" > 99 → "99+"): never cap.
            overflowCount={Number.MAX_SAFE_INTEGER}
            color="#2f6fa3"
            title=""
          />
        </span>
      ),
      'aria-label': t('sync.badgePending', { count: data.pendingChanges }),
    };
  }
  return plain;
}
