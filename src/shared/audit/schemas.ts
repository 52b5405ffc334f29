import { z } from 'zod';

/**
 * Audited actions: the desk's writes and every opening of sensitive data
 * (docs/architecture.md "Audit log").
 */
export const AUDIT_ACTIONS = [
  'setup.completed',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.lock',
  'auth.unlock',
  'auth.password_changed',
  'auth.recovery_used',
  'auth.recovery_regenerated',
  'auth.recovery_confirmed',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'settings.updated',
  'audit.verified',
  'case.created',
  'case.viewed',
  'case.updated',
  'case.consent_recorded',
  'case.status_changed',
  'case.records_viewed',
  'case.list_viewed',
  'case.search_performed',
  'case.printed',
  'record.draft_saved',
  'record.signed',
  'record.addendum_added',
  'record.printed',
  'calendar.updated',
  'dv.created',
  'dv.updated',
  'dv.viewed',
  'dv.mandatory_report_recorded',
  'referral.created',
  'referral.status_changed',
  'referral.letter_printed',
  'referral.list_viewed',
  'supervision.created',
  'supervision.completed',
  'supervision.cancelled',
  'sync.enrolled',
  'sync.settings_updated',
  'sync.epoch_started',
  'sync.rebaselined',
  'sync.usb_exported',
  'archive.exported',
  'ledger.exported',
  'archive.imported',
  'archive.review_resolved',
  'case.exported',
  'case.imported',
  'backup.created',
  'backup.restored',
  'family.created',
  'family.updated',
  'family.member_saved',
  'family.member_removed',
  'family.help_link_saved',
  'family.help_link_removed',
  'family.case_linked',
  'family.closed',
  'family.reopened',
  'followup.plan_created',
  'followup.assigned',
  'followup.plan_status_changed',
  'followup.visit_recorded',
  'followup.packet_viewed',
  'followup.packet_printed',
  'followup.concern_acknowledged',
  'volunteer.created',
  'volunteer.updated',
  'volunteer.activated',
  'volunteer.deactivated',
  'volunteer.removed',
  'volunteer.certificate_added',
  'volunteer.certificate_removed',
  'volunteer.training_added',
  'volunteer.training_removed',
  'volunteer.evaluation_added',
  'volunteer.evaluation_removed',
  'event.created',
  'event.updated',
  'event.removed',
  'event.sign_in_printed',
  'statistics.report_printed',
  'statistics.submitted',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: AuditActionSchema,
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditFilterSchema = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  action: AuditActionSchema.optional(),
  actorId: z.string().uuid().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditVerificationSchema = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), count: z.number().int() }),
  z.object({ intact: z.literal(false), count: z.number().int(), firstBrokenSeq: z.number().int() }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
