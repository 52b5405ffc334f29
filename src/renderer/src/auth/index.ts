export { ChangePasswordPage } from './ChangePasswordPage';
export { ensureSignedIn } from './ensureSignedIn';
export { ForceChangePassword } from './ForceChangePassword';
export { LockScreen } from './LockScreen';
export { LoginScreen } from './LoginScreen';
export { RecoverScreen } from './RecoverScreen';
export { RecoveryPendingScreen } from './RecoveryPendingScreen';
