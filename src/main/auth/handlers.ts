import type { DomainHandlers } from '../dispatcher';
import { changePassword, lockDesk, login, logout } from './auth';
import { confirmRecovery, recover, regenerateRecovery } from './recovery';

/*
 * 'auth.*'. Signing in opens the store and locking closes it, and key slots are files: these handlers
 * open their own short transactions around that work (only confirmRecovery is a plain `write` channel).
 */
export const authHandlers = {
  'auth.login': (input, { ctx }) => login(ctx, input),
  'auth.upgradeProgress': async (_input, { ctx }) => ctx.progress.storeUpgrade.current,
  'auth.lock': async (_input, { ctx }) => {
    await lockDesk(ctx, 'manual');
    return null;
  },
  'auth.logout': async (_input, { ctx }) => {
    await logout(ctx);
    return null;
  },
  // The dispatcher refreshes the activity time after every successful session call, this one included.
  'auth.touch': async () => null,
  'auth.changePassword': (input, call) => changePassword(call, input),
  'auth.recover': (input, { ctx }) => recover(ctx, input),
  'auth.confirmRecovery': (input, call) => confirmRecovery(call, input),
  'auth.regenerateRecovery': (_input, call) => regenerateRecovery(call),
} satisfies DomainHandlers<'auth'>;
