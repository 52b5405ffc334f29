import { z } from 'zod';
import { LocalDateSchema, optionalText, requiredText, UserRefSchema } from '../cases';

// ── outreach events (活动) ────────────────────────────────────────────────────────────────────────────

export const EVENT_TYPES = [
  'premarital_training',
  'happiness_class',
  'civil_code_promotion',
  'online_course',
  'other',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/** A speaker: a volunteer from the roster (named as on the roster), or someone else by name. */
export const SpeakerInputSchema = z.object({
  volunteerId: z.string().uuid().nullable().default(null),
  /** Required for someone not on the roster; ignored (the roster's name is used) for a volunteer. */
  name: optionalText(40),
});

export const EventFieldsSchema = z.object({
  type: EventTypeSchema,
  /** Required when type is 'other'. */
  typeOther: optionalText(40),
  /** May lie ahead (the sign-in sheet is printed before); only held events (date ≤ today) are counted. */
  date: LocalDateSchema,
  place: requiredText(100),
  topic: requiredText(100),
  /** Half hours, 0.5 … 24: a speaker's service hours for the event. */
  durationHours: z.number().min(0.5).max(24).multipleOf(0.5),
  speakers: z.array(SpeakerInputSchema).max(20).default([]),
  /** 人次: people who attended (0 until it is held). */
  attendeeCount: z.number().int().min(0).max(1_000_000),
  notes: optionalText(1000),
});

function checkEvent(
  v: {
    type: string;
    typeOther: string | null;
    speakers: { volunteerId: string | null; name: string | null }[];
  },
  ctx: z.RefinementCtx,
) {
  if (v.type === 'other' && !v.typeOther) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['typeOther'], message: 'required' });
  }
  v.speakers.forEach((s, i) => {
    if (s.volunteerId === null && !s.name) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['speakers', i, 'name'], message: 'required' });
    }
  });
}

export const EventCreateSchema = EventFieldsSchema.superRefine(checkEvent);
export type EventCreate = z.output<typeof EventCreateSchema>;
export const EventUpdateSchema = EventFieldsSchema.extend({ eventId: z.string().uuid() }).superRefine(
  checkEvent,
);
export type EventUpdate = z.output<typeof EventUpdateSchema>;

export const EventListFilterSchema = z.object({
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  type: EventTypeSchema.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type EventListFilter = z.output<typeof EventListFilterSchema>;

export const SpeakerSchema = z.object({ volunteerId: z.string().nullable(), name: z.string() });

export const EventSchema = z.object({
  id: z.string(),
  type: EventTypeSchema,
  typeOther: z.string().nullable(),
  date: z.string(),
  place: z.string(),
  topic: z.string(),
  durationHours: z.number(),
  speakers: z.array(SpeakerSchema),
  attendeeCount: z.number().int(),
  notes: z.string().nullable(),
  /** date ≤ today: counted in 场次 / 人次. */
  held: z.boolean(),
  createdBy: UserRefSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutreachEvent = z.infer<typeof EventSchema>;

/** 场次 / 人次 of the held events matching a filter. */
export const EventTotalsSchema = z.object({ sessions: z.number().int(), attendees: z.number().int() });
export type EventTotals = z.infer<typeof EventTotalsSchema>;
