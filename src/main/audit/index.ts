export { actorOf, appendAudit, appendAuditEntries, auditChainHead } from './audit.repository';
export type { AuditInput } from './audit.repository';
export { AUDIT_DETAIL_KEYS, AuditDetailRejected } from './detail';
export { auditListRead, LIST_AUDIT_MINUTES } from './list-reads';
export type { ListKind, ListRead } from './list-reads';
export type { AuditDetailInput, AuditDetailKey } from './detail';
export type { AuditTables } from './audit.table';
export { auditHandlers } from './handlers';
