import type { AppStatus } from '../../shared/app';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { DeskContext } from '../desk';

/** What every screen needs to know first; public, so it says nothing beyond the lock screen's needs. */
export function deskStatus(ctx: DeskContext): AppStatus {
  const { session } = ctx;
  const open = session.current;
  const locked = session.lockedUser;
  // After a lock the office name and idle minutes stay known in memory (not on disk) for the lock screen.
  const known = session.lastKnownSettings;
  return {
    phase: session.phase,
    language: ctx.prefs.language,
    user: open?.user ?? null,
    lockedUser: locked ? { username: locked.username, displayName: locked.displayName } : null,
    office: known ? { centreName: known.office.centreName, level: known.office.level } : null,
    idleLockMinutes: known?.idleLockMinutes ?? DEFAULT_SETTINGS.idleLockMinutes,
    recoveryPending: open?.recoveryPending ?? false,
  };
}
