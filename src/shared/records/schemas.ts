import { z } from 'zod';
import { LocalDateSchema, optionalText, PartyKeySchema, RecordResultSchema, requiredText } from '../cases';
import { UserIdSchema } from '../users';

/*
 * Counselling records (MZ/T 084—2017 appendix D 婚姻家庭辅导服务记录表). A draft is autosaved with
 * 'records.saveDraft' (every field may still be empty); 'records.sign' needs the date, half day, channel,
 * at least one counsellor and the result, then locks the record: only dated addenda follow.
 */

export const HalfDaySchema = z.enum(['am', 'pm']);
export type HalfDay = z.infer<typeof HalfDaySchema>;
export const ChannelKindSchema = z.enum(['face_to_face', 'voice', 'text']);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;
export const SatisfactionSchema = z.enum(['satisfied', 'basic', 'dissatisfied']);
export type Satisfaction = z.infer<typeof SatisfactionSchema>;
export const RecordStatusSchema = z.enum(['draft', 'signed']);

export const AttendeesSchema = z.object({
  parties: z.array(PartyKeySchema).max(2).default([]),
  /** Anyone else who attended (free text: relatives, interpreters). */
  others: z.array(requiredText(40)).max(20).default([]),
});

const NOTE_MAX = 20_000;

/** What a draft holds; every field may be empty until signing. */
export const RecordFieldsSchema = z.object({
  sessionDate: LocalDateSchema.nullable().default(null),
  halfDay: HalfDaySchema.nullable().default(null),
  channel: ChannelKindSchema.nullable().default(null),
  counsellorIds: z.array(UserIdSchema).max(10).default([]),
  /** Free text until the volunteer roster lands. */
  volunteerNames: z.array(requiredText(40)).max(20).default([]),
  attendees: AttendeesSchema.default({ parties: [], others: [] }),
  familySituation: optionalText(NOTE_MAX),
  /** 询问笔录 */
  interviewNotes: optionalText(NOTE_MAX),
  /** 介入评估 */
  interventionAssessment: optionalText(NOTE_MAX),
  result: RecordResultSchema.nullable().default(null),
  satisfaction: SatisfactionSchema.nullable().default(null),
  remarks: optionalText(2000),
});
export type RecordFields = z.output<typeof RecordFieldsSchema>;

/** A record's `version` as the caller last saw it (optimistic concurrency: a stale one is RECORD_STALE). */
export const RecordVersionSchema = z.number().int().min(1);

/**
 * Create (no recordId) or update (recordId) a draft. Saving the same content again changes nothing, so
 * the renderer may autosave freely; after the first save it must send the returned id, and with it the
 * `baseVersion` its text was based on (the version the last answer carried): when the draft has been
 * saved since by another screen, the save is refused (RECORD_STALE) rather than silently overwriting it.
 */
export const RecordDraftInputSchema = RecordFieldsSchema.extend({
  caseId: z.string().uuid(),
  recordId: z.string().uuid().nullable().default(null),
  baseVersion: RecordVersionSchema.nullable().default(null),
}).superRefine((v, ctx) => {
  if (v.recordId !== null && v.baseVersion === null) {
    // An update without the version it was based on could overwrite another screen's save unseen.
    ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: 'required' });
  }
});
export type RecordDraftInput = z.output<typeof RecordDraftInputSchema>;

export const AddendumSchema = z.object({
  id: z.string(),
  /** Office-local date the addendum was written. */
  date: z.string(),
  writtenAt: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }),
  text: z.string(),
});
export type Addendum = z.infer<typeof AddendumSchema>;

export const CounsellingRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  status: RecordStatusSchema,
  sessionDate: z.string().nullable(),
  halfDay: HalfDaySchema.nullable(),
  channel: ChannelKindSchema.nullable(),
  counsellors: z.array(z.object({ id: z.string(), displayName: z.string() })),
  volunteerNames: z.array(z.string()),
  attendees: z.object({ parties: z.array(PartyKeySchema), others: z.array(z.string()) }),
  familySituation: z.string().nullable(),
  interviewNotes: z.string().nullable(),
  interventionAssessment: z.string().nullable(),
  result: RecordResultSchema.nullable(),
  satisfaction: SatisfactionSchema.nullable(),
  remarks: z.string().nullable(),
  createdBy: z.object({ id: z.string(), displayName: z.string() }),
  signedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  signedAt: z.string().nullable(),
  addenda: z.array(AddendumSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CounsellingRecord = z.infer<typeof CounsellingRecordSchema>;

export const AddendumInputSchema = z.object({
  recordId: z.string().uuid(),
  text: requiredText(NOTE_MAX),
});
