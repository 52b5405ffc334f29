import type { Clock } from '../app/types';
import { LoginGuard } from './login-guard';
import { Preferences } from './preferences';
import { PendingRecovery } from './recovery-pending';
import { DeskSession } from './session';

/** Everything a service needs: built once per data directory by createApp, passed to every handler. */
export interface DeskContext {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly session: DeskSession;
  readonly guard: LoginGuard;
  readonly prefs: Preferences;
  readonly recovery: PendingRecovery;
}

export function createDeskContext(dataDir: string, clock: Clock): DeskContext {
  return {
    dataDir,
    clock,
    session: new DeskSession(dataDir, clock),
    guard: new LoginGuard(dataDir, clock),
    prefs: new Preferences(dataDir),
    recovery: new PendingRecovery(),
  };
}
