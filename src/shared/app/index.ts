export { appContract, AppStatusSchema } from './contract';
export type { AppStatus } from './contract';
