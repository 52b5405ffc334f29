export { authContract, RecoveryIssueSchema } from './contract';
