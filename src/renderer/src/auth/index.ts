import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const ChangePasswordPage = lazy(() =>
  import('./ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);
export const ForceChangePassword = lazy(() =>
  import('./ForceChangePassword').then((m) => ({ default: m.ForceChangePassword })),
);
export const RecoverScreen = lazy(() =>
  import('./RecoverScreen').then((m) => ({ default: m.RecoverScreen })),
);
export const RecoveryPendingScreen = lazy(() =>
  import('./RecoveryPendingScreen').then((m) => ({ default: m.RecoveryPendingScreen })),
);
export { ensureSignedIn } from './ensureSignedIn';
export { LockScreen } from './LockScreen';
export { LoginScreen } from './LoginScreen';
