import { z } from 'zod';
import { CaseListRowSchema } from '../cases';
import { SEARCH_QUERY_MAX_LENGTH } from './query';
import { channel, NoInput, type ChannelSpec } from '../ipc';

/** Which indexed field made a case match: the list shows it as a small tag (e.g. "拼音首字母"). */
export const SEARCH_MATCH_FIELDS = [
  'name',
  'pinyinInitials',
  'caseNumber',
  'receiptNumber',
  'idLast4',
  'notes',
] as const;
export const SearchMatchFieldSchema = z.enum(SEARCH_MATCH_FIELDS);
export type SearchMatchField = z.infer<typeof SearchMatchFieldSchema>;

export const SEARCH_LIMIT_MAX = 50;

export const SearchInputSchema = z.object({
  /** What the user typed: a name, 1 character (a surname), pinyin initials, a number or words from notes. */
  query: z.string().trim().min(1).max(SEARCH_QUERY_MAX_LENGTH),
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
});

/**
 * One found case: exactly a case-list row (same masking, same hidden contacts for DV cases) plus which
 * field matched. Never carries notes or DV text, only the hint.
 */
export const SearchHitSchema = CaseListRowSchema.extend({ matched: SearchMatchFieldSchema });
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** A rebuild of the whole search index in progress: cases indexed so far of the total. Counters only. */
export const SearchIndexBuildSchema = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type SearchIndexBuild = z.infer<typeof SearchIndexBuildSchema>;

/** 'search.*' channels (docs/domain.md "Search"). */
export const searchContract = {
  /**
   * Cases the signed-in user may see whose names, pinyin initials, case number, receipt number, ID last
   * four characters or counselling notes match, most recently written first. `more` says there were more hits
   * than `limit`. DV disclosures are never searched.
   */
  'search.cases': channel({
    input: SearchInputSchema,
    output: z.object({ rows: z.array(SearchHitSchema), more: z.boolean() }),
    access: 'cases.work',
    write: true,
  }),
  /**
   * The index rebuild a pending 'search.cases' is running (a store from before migration 0004 on its first
   * search), null when none is: the search screen polls it while its search waits. Outside the queue (the
   * search holds it meanwhile).
   */
  'search.indexProgress': channel({
    input: NoInput,
    output: SearchIndexBuildSchema.nullable(),
    access: 'cases.work',
    activity: 'poll',
    outsideQueue: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
