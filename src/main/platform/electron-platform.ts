import type { Platform } from '../app/types';

/**
 * The Electron host for createApp(). It carries only the system clock today; file dialogs and
 * printToPDF join it when later issues need them (they use Electron, so they live here, not in services).
 */
export function electronPlatform(): Platform {
  return Object.freeze({ kind: 'electron', clock: Object.freeze({ now: () => new Date() }) });
}
