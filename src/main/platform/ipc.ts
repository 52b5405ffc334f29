import { localizeError } from '../../shared/i18n';
import { CHANNELS } from '../../shared/contract';
import type { Result } from '../../shared/ipc';
import type { DeskApp } from '../app';
import type { AppPage } from './app-page';

/** The slice of a WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly parent: unknown;
  readonly url: string;
}

export interface SenderEvent {
  readonly senderFrame: SenderFrame | null;
}

/**
 * A call is served only when it comes from the top frame of our own page. A frame that has navigated
 * away (senderFrame null), an iframe, or a foreign page gets BAD_SENDER and never reaches the services.
 */
export function isTrustedSender(event: SenderEvent, appPage: AppPage): boolean {
  let frame: SenderFrame | null;
  try {
    frame = event.senderFrame;
  } catch {
    // Electron throws when the frame was destroyed while the message was in flight.
    return false;
  }
  return frame !== null && frame.parent === null && appPage.isAppPage(frame.url);
}

export function badSender(): Result<never> {
  return { ok: false, error: { code: 'BAD_SENDER', message: localizeError('zh-CN', 'BAD_SENDER') } };
}

/** The slice of Electron's ipcMain used here; the real ipcMain satisfies it. */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: SenderEvent, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/** One ipcMain.handle per contract channel. Returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcRegistrar, deskApp: DeskApp, appPage: AppPage): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrustedSender(event, appPage)) {
        console.warn(`[ipc] refused '${channel}' from an untrusted frame`);
        return badSender();
      }
      // dispatch() parses the input with the channel's schema, checks session and role, never throws.
      return deskApp.dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
