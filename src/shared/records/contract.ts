import { z } from 'zod';
import { AddendumInputSchema, CounsellingRecordSchema, RecordDraftInputSchema } from './schemas';
import { channel, type ChannelSpec } from '../ipc';

const RecordIdInput = z.object({ recordId: z.string().uuid() });

/**
 * 'records.*' channels (docs/domain.md "Counselling records"): counselling records of a case the caller may
 * see (else CASE_NOT_FOUND / RECORD_NOT_FOUND). A signed record answers RECORD_SIGNED to saveDraft and sign;
 * only addenda follow.
 */
export const recordsContract = {
  /** Oldest session first, each with its addenda. */
  'records.list': channel({
    input: z.object({ caseId: z.string().uuid() }),
    output: z.array(CounsellingRecordSchema),
    access: 'cases.work',
    write: true,
  }),
  'records.get': channel({
    input: RecordIdInput,
    output: CounsellingRecordSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Upsert of a draft (autosave): no recordId creates one; unchanged content writes nothing. */
  'records.saveDraft': channel({
    input: RecordDraftInputSchema,
    output: CounsellingRecordSchema,
    access: 'cases.work',
    write: true,
  }),
  /** Needs date, half day, channel, a counsellor and the result (VALIDATION fields otherwise); locks. */
  'records.sign': channel({
    input: RecordIdInput,
    output: CounsellingRecordSchema,
    access: 'cases.work',
    write: true,
  }),
  'records.addAddendum': channel({
    input: AddendumInputSchema,
    output: CounsellingRecordSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
