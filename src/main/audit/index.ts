export { actorOf, appendAudit } from './audit';
export type { AuditInput } from './audit';
export type { AuditTables } from './audit.table';
export { auditHandlers } from './handlers';
