import { z } from 'zod';

/** Three-level network: county centre (中心) → township station (辅导站) → village/community room (辅导室). */
export const OFFICE_LEVELS = ['centre', 'station', 'room'] as const;
export const OfficeLevelSchema = z.enum(OFFICE_LEVELS);
export type OfficeLevel = z.infer<typeof OfficeLevelSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const OfficeSchema = z.object({
  county: text(40),
  registryOffice: text(60),
  centreName: text(60),
  level: OfficeLevelSchema,
});
export type Office = z.infer<typeof OfficeSchema>;
