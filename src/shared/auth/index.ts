export { authContract, RecoveryIssueSchema } from './contract';
export { StoreUpgradeSchema } from './upgrade';
export type { StoreUpgrade } from './upgrade';
