import type { Clock, Platform } from './types';

/** The wall clock. Tests pass their own Clock instead (idle lock, login delays, audit times). */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The plain-Node host used by the browser harness and by tests. Electron main builds its own Platform
 * in src/main/platform/ (dialogs, printing); nothing here touches Electron.
 */
export function nodePlatform(kind: 'harness' | 'test', clock: Clock = systemClock): Platform {
  return { kind, clock };
}
