import { z } from 'zod';
import {
  AddendumInputSchema,
  CounsellingRecordSchema,
  RecordDraftInputSchema,
  RecordVersionSchema,
} from './schemas';
import { channel, type ChannelSpec } from '../ipc';

const RecordIdInput = z.object({ recordId: z.string().uuid() });
/** Signing may name the version the signer saw (the editor always does): a newer one is RECORD_STALE. */
const SignInput = RecordIdInput.extend({ baseVersion: RecordVersionSchema.optional() });

/**
 * 'records.*' channels (docs/domain.md "Counselling records"): counselling records of a case the caller may
 * see (else CASE_NOT_FOUND / RECORD_NOT_FOUND). A signed record answers RECORD_SIGNED to saveDraft and sign;
 * only addenda follow. Only a draft's author (or a director) may change or sign it (RECORD_AUTHOR_ONLY; the
 * co-counsellors named on it read it and add addenda once signed). An update carries the `baseVersion` it
 * was based on and a newer draft refuses it (RECORD_STALE, nothing written): two screens never silently
 * overwrite each other.
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
    input: SignInput,
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
