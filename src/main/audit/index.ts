export { actorOf, appendAudit } from './audit.repository';
export type { AuditInput } from './audit.repository';
export type { AuditTables } from './audit.table';
export { auditHandlers } from './handlers';
