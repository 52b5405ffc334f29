import { setLanguage } from '../services/settings';
import { deskStatus } from '../services/status';
import type { DomainHandlers } from './handler';

export const appHandlers = {
  'app.status': async (_input, ctx) => deskStatus(ctx),
  'app.setLanguage': async (input, ctx) => {
    await setLanguage(ctx, input.language);
    return null;
  },
} satisfies DomainHandlers<'app'>;
