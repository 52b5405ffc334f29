import { z } from 'zod';
import { channel, type ChannelSpec } from '../ipc';
import { ReasonSchema } from '../volunteers';
import {
  PlanSchema,
  QueueFilterSchema,
  QueueSchema,
  VisitPacketSchema,
  VisitRecordSchema,
  VisitSchema,
} from './schemas';

const VisitId = z.object({ visitId: z.string().uuid() });

/**
 * 'followups.*' (docs/domain.md "Follow-up plans"). Plans belong to a family archive; their visits are
 * made by one assigned volunteer (one-to-one). A volunteer reaches only the visits assigned to them
 * (queue, packet, record): any other visit answers VISIT_NOT_FOUND, and every other domain FORBIDDEN.
 */
export const followupsContract = {
  'followups.queue': channel({ input: QueueFilterSchema, output: QueueSchema, access: 'followups.visit' }),
  /** The packet for one visit; audited ('followup.packet_viewed'). */
  'followups.packet': channel({
    input: VisitId,
    output: VisitPacketSchema,
    access: 'followups.visit',
    write: true,
  }),
  /** Marks the visit done; opens the next one of the schedule, or closes the plan after the last. */
  'followups.recordVisit': channel({
    input: VisitRecordSchema,
    output: z.object({ visit: VisitSchema, next: VisitSchema.nullable(), planClosed: z.boolean() }),
    access: 'followups.visit',
    write: true,
  }),
  /** A plan from the settings' rule for the family's result (NO_FOLLOW_UP_RULE, PLAN_ALREADY_OPEN). */
  'followups.createPlan': channel({
    input: z.object({ familyId: z.string().uuid() }),
    output: PlanSchema,
    access: 'cases.work',
    write: true,
  }),
  /** One volunteer for the whole plan; must be eligible today (VOLUNTEER_NOT_ELIGIBLE). */
  'followups.assign': channel({
    input: z.object({ planId: z.string().uuid(), volunteerId: z.string().uuid() }),
    output: PlanSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Pause, resume or close a plan; pausing and closing need a reason. */
  'followups.setPlanStatus': channel({
    input: z
      .object({
        planId: z.string().uuid(),
        status: z.enum(['active', 'paused', 'closed']),
        reason: ReasonSchema.nullable().default(null),
      })
      .superRefine((v, ctx) => {
        if (v.status !== 'active' && !v.reason) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: 'required' });
        }
      }),
    output: PlanSchema,
    access: 'cases.work',
    write: true,
  }),
  /** The counsellor in charge has seen a visit's safety concern (it leaves the dashboard). */
  'followups.acknowledgeConcern': channel({
    input: VisitId,
    output: VisitSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
