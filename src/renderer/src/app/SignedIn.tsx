import { useEffect } from 'react';
import type { AppStatus } from '@shared/app';
import { can } from '@shared/roles';
import { useSettings } from '../api';
import { ForceChangePassword, RecoveryPendingScreen } from '../auth';
import { AppShell } from './AppShell';
import { useSession } from './session';
import { useIdleLock, useLockShortcut } from './useIdleLock';

interface Props {
  status: AppStatus;
  onFlowFinished: () => void;
}

/** Everything behind a session: idle lock and Ctrl+L everywhere, then the gates before the desk. */
export function SignedIn({ status, onFlowFinished }: Props) {
  const session = useSession();
  const user = status.user;
  const ready = user !== null && !user.mustChangePassword;
  // settings.get is refused while a temporary password is pending; fall back to the status value.
  const settings = useSettings(ready);
  useIdleLock(settings.data?.idleLockMinutes ?? status.idleLockMinutes, session.lock);
  useLockShortcut(session.lock);

  const office = status.office?.centreName ?? null;
  const logout = () => void session.logout();

  const { refresh } = session;
  useEffect(() => {
    // 'unlocked' without a user should not happen; the safest reading is "not signed in": ask again.
    if (user === null) void refresh();
  }, [user, refresh]);

  if (user === null) return null;
  if (status.recoveryPending && can(user.role, 'users.manage')) {
    return <RecoveryPendingScreen office={office} onFinished={onFlowFinished} onLogout={logout} />;
  }
  if (user.mustChangePassword) {
    return <ForceChangePassword office={office} onChanged={() => void session.refresh()} onLogout={logout} />;
  }
  return <AppShell status={status} user={user} onLock={session.lock} onLogout={logout} />;
}
