import { z } from 'zod';
import { COUNSELLING_TYPES, REASON_CATEGORIES, RecordResultSchema, RegistrationStatusSchema } from '../cases';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../referrals';
import type { StatisticsRows } from './indicators';

/*
 * The synced rows of a desk (its tables' columns, as the outbox payloads carry them to the county) turned
 * into what the indicator functions take (indicators.ts), with the rule "a row counts while it exists":
 * no soft-deleted row, no visit of a deleted plan or archive, no speaker or evaluation of a removed
 * volunteer; records, disclosures and referrals of a missing case are dropped by figuresFrom itself.
 * Every row is counted everything-visible (the county's view); the desk's own view applies its access rule
 * in SQL (src/main/statistics). Only the columns the indicators read are taken — never a name of a
 * party, a note or a DV fact. A row whose needed columns do not parse is left out and counted in
 * `unreadable`, so a report can say so instead of silently undercounting.
 */

export const STATISTICS_TABLES = [
  'cases',
  'counselling_records',
  'dv_disclosures',
  'referrals',
  'families',
  'followup_plans',
  'followup_visits',
  'volunteers',
  'volunteer_evaluations',
  'outreach_events',
  'outreach_event_speakers',
] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

export type SyncedRow = Readonly<Record<string, unknown>>;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1);
const jsonArray = <T extends z.ZodTypeAny>(item: T) =>
  z.string().transform((text, ctx) => {
    try {
      const parsed = z.array(item).safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not a JSON array' });
    return z.NEVER;
  });

const CaseRow = z.object({
  id,
  type: z.enum(COUNSELLING_TYPES),
  counsellor_id: id,
  filing_received_date: date.nullable(),
  registration_status: RegistrationStatusSchema.nullable(),
  withdrawal_date: date.nullable(),
  certificate_window_end: date.nullable(),
  registered_date: date.nullable(),
  refusal_date: date.nullable(),
  reason_categories: jsonArray(z.enum(REASON_CATEGORIES)),
});
const RecordRow = z.object({
  id,
  case_id: id,
  status: z.enum(['draft', 'signed']),
  session_date: date.nullable(),
  half_day: z.enum(['am', 'pm']).nullable(),
  signed_at: z.string().nullable(),
  channel: z.enum(['face_to_face', 'voice', 'text']).nullable(),
  satisfaction: z.enum(['satisfied', 'basic', 'dissatisfied']).nullable(),
  result: RecordResultSchema.nullable(),
  volunteer_names: jsonArray(z.string()),
});
const DisclosureRow = z.object({ id, case_id: id, disclosed_at: z.string() });
const ReferralRow = z.object({
  id,
  case_id: id,
  created_at: z.string(),
  target: z.enum(REFERRAL_TARGETS),
  status: z.enum(REFERRAL_STATUSES),
});
const VisitRow = z.object({
  id,
  family_id: id,
  plan_id: id,
  counsellor_id: id,
  due_date: date,
  status: z.enum(['scheduled', 'on_hold', 'done', 'cancelled']),
  visit_date: date.nullable(),
  duration_minutes: z.number().int().nullable(),
  volunteer_id: id.nullable(),
});
const EventRow = z.object({ id, date, attendee_count: z.number().int(), duration_hours: z.number() });
const SpeakerRow = z.object({ event_id: id, volunteer_id: id.nullable() });
const EvaluationRow = z.object({ id, volunteer_id: id, date, score: z.number() });
const VolunteerRow = z.object({ id, name: z.string() });
const IdRow = z.object({ id });

export interface StatisticsRowsRead {
  rows: StatisticsRows;
  /** Living rows left out because a column the indicators need did not parse. */
  unreadable: number;
}

const living = (row: SyncedRow) => row['deleted_at'] === null || row['deleted_at'] === undefined;

export function statisticsRowsOf(
  tables: Readonly<Partial<Record<StatisticsTable, readonly SyncedRow[]>>>,
): StatisticsRowsRead {
  let unreadable = 0;
  const parse = <T extends z.ZodTypeAny>(table: StatisticsTable, schema: T): z.infer<T>[] => {
    const out: z.infer<T>[] = [];
    for (const row of tables[table] ?? []) {
      if (!living(row)) continue;
      const parsed = schema.safeParse(row);
      if (parsed.success) out.push(parsed.data);
      else unreadable += 1;
    }
    return out;
  };
  const families = new Set(parse('families', IdRow).map((f) => f.id));
  const plans = new Set(parse('followup_plans', IdRow).map((p) => p.id));
  const volunteers = parse('volunteers', VolunteerRow);
  const present = new Set(volunteers.map((v) => v.id));
  const speakersOf = new Map<string, string[]>();
  for (const s of parse('outreach_event_speakers', SpeakerRow)) {
    if (s.volunteer_id === null || !present.has(s.volunteer_id)) continue;
    const list = speakersOf.get(s.event_id);
    if (list) list.push(s.volunteer_id);
    else speakersOf.set(s.event_id, [s.volunteer_id]);
  }

  const rows: StatisticsRows = {
    cases: parse('cases', CaseRow).map((c) => ({
      id: c.id,
      type: c.type,
      counsellorId: c.counsellor_id,
      filingReceivedDate: c.filing_received_date,
      registrationStatus: c.registration_status,
      withdrawalDate: c.withdrawal_date,
      certificateWindowEnd: c.certificate_window_end,
      registeredDate: c.registered_date,
      refusalDate: c.refusal_date,
      reasonCategories: c.reason_categories,
    })),
    records: parse('counselling_records', RecordRow).map((r) => ({
      id: r.id,
      caseId: r.case_id,
      status: r.status,
      sessionDate: r.session_date,
      halfDay: r.half_day,
      signedAt: r.signed_at,
      channel: r.channel,
      satisfaction: r.satisfaction,
      result: r.result,
      volunteerNames: r.volunteer_names,
    })),
    disclosures: parse('dv_disclosures', DisclosureRow).map((d) => ({
      id: d.id,
      caseId: d.case_id,
      disclosedAt: d.disclosed_at,
    })),
    referrals: parse('referrals', ReferralRow).map((f) => ({
      id: f.id,
      caseId: f.case_id,
      createdAt: f.created_at,
      target: f.target,
      status: f.status,
    })),
    visits: parse('followup_visits', VisitRow)
      .filter((v) => families.has(v.family_id) && plans.has(v.plan_id))
      .map((v) => ({
        id: v.id,
        familyId: v.family_id,
        counsellorId: v.counsellor_id,
        dueDate: v.due_date,
        status: v.status,
        visitDate: v.visit_date,
        durationMinutes: v.duration_minutes,
        volunteerId: v.volunteer_id,
      })),
    events: parse('outreach_events', EventRow).map((e) => ({
      id: e.id,
      date: e.date,
      attendeeCount: e.attendee_count,
      durationHours: e.duration_hours,
      speakerVolunteerIds: speakersOf.get(e.id) ?? [],
    })),
    evaluations: parse('volunteer_evaluations', EvaluationRow)
      .filter((e) => present.has(e.volunteer_id))
      .map((e) => ({ id: e.id, volunteerId: e.volunteer_id, date: e.date, score: e.score })),
    volunteers,
  };
  return { rows, unreadable };
}
