export { App } from './App';
export { Page } from './Page';
export { registerPendingWrite } from './pendingWrites';
