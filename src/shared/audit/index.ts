export { auditContract } from './contract';
export {
  AUDIT_ACTIONS,
  AuditActionSchema,
  AuditEntrySchema,
  AuditFilterSchema,
  AuditVerificationSchema,
} from './schemas';
export type { AuditAction, AuditEntry, AuditFilter, AuditVerification } from './schemas';
