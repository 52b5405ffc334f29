import { changePassword, lockDesk, login, logout } from './auth';
import { confirmRecovery, recover, regenerateRecovery } from './recovery';
import type { DomainHandlers } from '../ipc';

export const authHandlers = {
  'auth.login': (input, ctx) => login(ctx, input),
  'auth.lock': async (_input, ctx) => {
    await lockDesk(ctx, 'manual');
    return null;
  },
  'auth.logout': async (_input, ctx) => {
    await logout(ctx);
    return null;
  },
  // The dispatcher refreshes the activity time after every successful session call, this one included.
  'auth.touch': async () => null,
  'auth.changePassword': (input, ctx) => changePassword(ctx, input),
  'auth.recover': (input, ctx) => recover(ctx, input),
  'auth.confirmRecovery': (input, ctx) => confirmRecovery(ctx, input),
  'auth.regenerateRecovery': (_input, ctx) => regenerateRecovery(ctx),
} satisfies DomainHandlers<'auth'>;
