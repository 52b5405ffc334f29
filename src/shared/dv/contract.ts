import { z } from 'zod';
import { DvCreateSchema, DvDisclosureSchema, DvMandatoryReportInputSchema, DvUpdateSchema } from './schemas';
import { channel, type ChannelSpec } from '../ipc';

/**
 * 'dv.*' channels (docs/domain.md "DV disclosures"): domestic-violence disclosures, kept apart from ordinary
 * notes. Only the case's counsellor in charge and directors see them: a case the caller may not see at all
 * answers CASE_NOT_FOUND; a case they see without DV rights (e.g. as the companion) answers DV_NOT_FOUND, as
 * does any disclosure id they may not see. Volunteers and admins are FORBIDDEN by access.
 */
export const dvContract = {
  /** The case's disclosures, oldest first. Audited ('dv.viewed'). */
  'dv.list': channel({
    input: z.object({ caseId: z.string().uuid() }),
    output: z.array(DvDisclosureSchema),
    access: 'cases.work',
    write: true,
  }),
  /** Sets the case's DV flag (contacts hidden in lists and printouts). */
  'dv.create': channel({
    input: DvCreateSchema,
    output: DvDisclosureSchema,
    access: 'cases.work',
    write: true,
  }),
  'dv.update': channel({
    input: DvUpdateSchema,
    output: DvDisclosureSchema,
    access: 'cases.work',
    write: true,
  }),
  /** 强制报告: records (or corrects) the report; audited ('dv.mandatory_report_recorded'). */
  'dv.recordMandatoryReport': channel({
    input: DvMandatoryReportInputSchema,
    output: DvDisclosureSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
