import { z } from 'zod';
import { channel, type ChannelSpec } from '../ipc';
import { RemoveSchema } from '../volunteers';
import {
  FamilyCreateSchema,
  FamilyDetailSchema,
  FamilyListFilterSchema,
  FamilyReasonSchema,
  FamilySummarySchema,
  FamilyUpdateSchema,
  HelpLinkSaveSchema,
  MemberSaveSchema,
} from './schemas';

const FamilyId = z.object({ familyId: z.string().uuid() });
const write = { output: FamilyDetailSchema, access: 'cases.work', write: true } as const;

/**
 * 'families.*' (docs/domain.md "Family archives"): 家庭档案 with members, needs, help links (一果一联) and
 * the family's cases. A counsellor sees the archives they are in charge of; a director every archive.
 * Every write is audited (ids only); removing anything needs a reason; a closed archive changes no more.
 */
export const familiesContract = {
  'families.list': channel({
    input: FamilyListFilterSchema,
    output: z.object({ rows: z.array(FamilySummarySchema), total: z.number().int(), today: z.string() }),
    access: 'cases.work',
  }),
  'families.get': channel({ input: FamilyId, output: FamilyDetailSchema, access: 'cases.work' }),
  /** The case's archive, if any, and whether one can be opened (the case has a signed result). */
  'families.ofCase': channel({
    input: z.object({ caseId: z.string().uuid() }),
    output: z.object({ familyId: z.string().nullable(), canOpen: z.boolean() }),
    access: 'cases.work',
  }),
  /**
   * Opens the case's archive (or returns the existing one): members from the parties and children, focus
   * from the result, and a follow-up plan when the settings' rule calls for one. FAMILY_NEEDS_RESULT.
   */
  'families.openFromCase': channel({ input: z.object({ caseId: z.string().uuid() }), ...write }),
  'families.create': channel({ input: FamilyCreateSchema, ...write }),
  'families.update': channel({ input: FamilyUpdateSchema, ...write }),
  /** Another case of the same family (CASE_IN_OTHER_FAMILY). */
  'families.linkCase': channel({
    input: z.object({ familyId: z.string().uuid(), caseId: z.string().uuid() }),
    ...write,
  }),
  'families.saveMember': channel({ input: MemberSaveSchema, ...write }),
  'families.removeMember': channel({ input: RemoveSchema, ...write }),
  'families.saveHelpLink': channel({ input: HelpLinkSaveSchema, ...write }),
  'families.removeHelpLink': channel({ input: RemoveSchema, ...write }),
  /** 结档: closes the archive and its plans (open visits cancelled). */
  'families.close': channel({ input: FamilyReasonSchema, ...write }),
  'families.reopen': channel({ input: FamilyId, ...write }),
} as const satisfies Record<string, ChannelSpec>;
