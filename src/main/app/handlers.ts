import { setLanguage } from '../settings';
import { deskStatus } from './status';
import type { DomainHandlers } from '../ipc';

export const appHandlers = {
  'app.status': async (_input, ctx) => deskStatus(ctx),
  'app.setLanguage': async (input, ctx) => {
    await setLanguage(ctx, input.language);
    return null;
  },
} satisfies DomainHandlers<'app'>;
