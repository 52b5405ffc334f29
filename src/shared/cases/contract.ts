import { z } from 'zod';
import {
  CaseDetailSchema,
  CaseIntakeSchema,
  CaseListFilterSchema,
  CaseListRowSchema,
  CaseTransitionSchema,
  CaseUpdateSchema,
  ConsentSchema,
  UserRefSchema,
} from './schemas';
import { RoleSchema } from '../roles';
import { channel, NoInput, type ChannelSpec } from '../ipc';

const CaseIdInput = z.object({ caseId: z.string().uuid() });

/**
 * 'cases.*' channels (docs/domain.md "The cases"). A case the caller may not see answers CASE_NOT_FOUND.
 * Intake and update answer ID_NUMBER_* / ID_*_MISMATCH with `fields` keyed by path
 * ('parties.0.documentNumber') and CONSENT_REQUIRED (meta.field, fields[path]) when sensitive data comes
 * without consent.
 */
export const casesContract = {
  'cases.create': channel({
    input: CaseIntakeSchema,
    output: CaseDetailSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Audited ('case.viewed'). */
  'cases.get': channel({ input: CaseIdInput, output: CaseDetailSchema, access: 'cases.work', write: true }),
  'cases.update': channel({
    input: CaseUpdateSchema,
    output: CaseDetailSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Paged; rows carry masked ID numbers only and no phone when the case hides contacts (DV). */
  'cases.list': channel({
    input: CaseListFilterSchema,
    output: z.object({ rows: z.array(CaseListRowSchema), total: z.number().int() }),
    access: 'cases.work',
    write: true,
  }),
  'cases.recordConsent': channel({
    input: CaseIdInput.extend({ consent: ConsentSchema }),
    output: CaseDetailSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Registration status: withdraw / register / refuse (the sweep does the automatic ones). */
  'cases.transition': channel({
    input: CaseTransitionSchema,
    output: CaseDetailSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Active counsellors and directors, for the counsellor / companion pickers. */
  'cases.counsellors': channel({
    input: NoInput,
    output: z.array(UserRefSchema.extend({ role: RoleSchema })),
    access: 'cases.work',
  }),
} as const satisfies Record<string, ChannelSpec>;
