import { z } from 'zod';
import { channel, NoInput, type ChannelSpec } from '../ipc';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One year of the official schedule: every day off, and the make-up working days (调休上班). */
export const HolidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().max(200),
  holidays: z.array(DateText).max(120),
  workdays: z.array(DateText).max(30),
});
export type HolidayYearInput = z.infer<typeof HolidayYearSchema>;

export const HolidayTableSchema = z.object({
  years: z.array(
    HolidayYearSchema.extend({
      /** false: the schedule shipped with the app; true: edited on this desk. */
      edited: z.boolean(),
    }),
  ),
});
export type HolidayTable = z.infer<typeof HolidayTableSchema>;

/**
 * 'calendar.*' channels (docs/domain.md "Cooling-off timeline"): the holiday table the statutory timeline
 * uses. An update replaces the years it lists (others keep their current schedule); a date that is not real,
 * outside its year's neighbourhood, or both a holiday and a workday answers HOLIDAY_TABLE_INVALID
 * (meta.problem, fields). Open cases' timelines are recomputed with the new table.
 */
export const calendarContract = {
  'calendar.get': channel({ input: NoInput, output: HolidayTableSchema, access: 'session' }),
  'calendar.update': channel({
    input: z.object({ years: z.array(HolidayYearSchema).min(1).max(20) }),
    output: HolidayTableSchema,
    access: 'calendar.manage',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
