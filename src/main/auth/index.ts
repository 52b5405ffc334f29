export { lockDesk } from './auth';
export { authHandlers } from './handlers';
