import { runDeskCall } from '../desk';
import type { DomainHandlers } from '../dispatcher';
import { updateSettings } from '../settings';
import { deskStatus } from './status';

export const appHandlers = {
  'app.status': async (_input, { ctx }) => deskStatus(ctx),
  /**
   * Public, so the lock screen can switch language: it always writes preferences.json (first: if that
   * fails, nothing has changed), and the settings row too when the desk is open.
   */
  'app.setLanguage': async (input, { ctx }) => {
    ctx.prefs.setLanguage(input.language);
    const open = ctx.session.current;
    if (open)
      await runDeskCall(ctx, open, true, (call) => updateSettings(call, { language: input.language }));
    return null;
  },
} satisfies DomainHandlers<'app'>;
