import { z } from 'zod';
import { channel, type ChannelSpec } from '../ipc';
import {
  CertificateInputSchema,
  EvaluationInputSchema,
  RemoveSchema,
  TrainingInputSchema,
  VolunteerCreateSchema,
  VolunteerDetailSchema,
  VolunteerListFilterSchema,
  VolunteerSetActiveSchema,
  VolunteerSummarySchema,
  VolunteerUpdateSchema,
} from './schemas';

const VolunteerId = z.object({ volunteerId: z.string().uuid() });

/**
 * 'volunteers.*' (docs/domain.md "Volunteers"): the roster. Anyone who works cases reads it (to pick a
 * volunteer for a follow-up); only directors change it. Every write is audited; removing anything needs a
 * reason; a volunteer with open visits cannot be removed or switched off (VOLUNTEER_HAS_OPEN_VISITS).
 */
export const volunteersContract = {
  'volunteers.list': channel({
    input: VolunteerListFilterSchema,
    output: z.object({ rows: z.array(VolunteerSummarySchema), total: z.number().int(), today: z.string() }),
    access: 'cases.work',
  }),
  'volunteers.get': channel({ input: VolunteerId, output: VolunteerDetailSchema, access: 'cases.work' }),
  /**
   * The desk accounts a profile may be linked to: enabled accounts with the volunteer role not linked to
   * another living profile (the given volunteer's own link included).
   */
  'volunteers.accounts': channel({
    input: z.object({ volunteerId: z.string().uuid().optional() }),
    output: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string() })),
    access: 'volunteers.manage',
  }),
  'volunteers.create': channel({
    input: VolunteerCreateSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.update': channel({
    input: VolunteerUpdateSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.setActive': channel({
    input: VolunteerSetActiveSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  /** Soft delete with a reason. */
  'volunteers.remove': channel({
    input: RemoveSchema,
    output: z.null(),
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.addCertificate': channel({
    input: CertificateInputSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.removeCertificate': channel({
    input: RemoveSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.addTraining': channel({
    input: TrainingInputSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.removeTraining': channel({
    input: RemoveSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.addEvaluation': channel({
    input: EvaluationInputSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
  'volunteers.removeEvaluation': channel({
    input: RemoveSchema,
    output: VolunteerDetailSchema,
    access: 'volunteers.manage',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
