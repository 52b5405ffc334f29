import { inTransaction } from '../desk';
import type { DomainHandlers } from '../dispatcher';
import { updateSettings } from './settings.service';

export const settingsHandlers = {
  'settings.get': async (_input, call) => call.open.settings,
  'settings.update': async (input, call) => {
    // preferences.json first, outside the transaction: if it cannot be written, nothing has changed.
    if (input.language !== undefined && input.language !== call.open.settings.language) {
      call.ctx.prefs.setLanguage(input.language);
    }
    return inTransaction(call, (c) => updateSettings(c, input));
  },
} satisfies DomainHandlers<'settings'>;
