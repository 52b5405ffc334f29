import { z } from 'zod';
import { channel, NoInput, type ChannelSpec } from '../ipc';
import { AuditEntrySchema, AuditFilterSchema, AuditVerificationSchema } from './schemas';

/** 'audit.*': the hash-chained audit log and its check. */
export const auditContract = {
  'audit.list': channel({
    input: AuditFilterSchema,
    output: z.object({ rows: z.array(AuditEntrySchema), total: z.number().int() }),
    access: 'audit.view',
  }),
  'audit.verify': channel({
    input: NoInput,
    output: AuditVerificationSchema,
    access: 'audit.view',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
