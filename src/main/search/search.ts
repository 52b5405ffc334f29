import { sql } from 'kysely';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import {
  type SearchHit,
  type SearchMatchField,
  phraseMatches,
  planSearch,
  type Phrase,
  type SearchPlan,
  searchTokens,
} from '../../shared/search';
import type { SessionUser } from '../../shared/users';
import { type CaseRow, caseVisibility, seesAllCases, toListRows } from '../cases';
import { auditListRead } from '../audit';
import type { Db } from '../db';
import type { WriteCall } from '../desk';
import { idLast4, indexIfEmpty } from './search-index';
import { pinyinTokens } from './pinyin';

/*
 * 'search.cases'. The plan (src/shared/search/query.ts) picks the index:
 *  - FTS: `search_fts MATCH ?` drives the query in rowid order, DESC — rowids grow with every write, so
 *    the newest matches come first and LIMIT stops the walk early;
 *  - one CJK character: the primary key of search_name_initials (first_char, doc_id), also walked in
 *    doc_id order.
 * Either way each candidate joins search_docs and cases by primary key, and the case visibility predicate
 * filters BEFORE the limit: a counsellor never sees, nor loses a slot to, a case they may not see.
 * Nothing read here holds DV text. Searching is audited ('case.search_performed', coalesced per user and kind
 * of query, audit/list-reads.ts) with the kind of query and the number of hits only: the query text is
 * personal data and is never logged. Opening a found case is audited by the case service ('case.viewed').
 */

export async function searchCases(
  call: WriteCall,
  input: ChannelParsed<'search.cases'>,
): Promise<ChannelOutput<'search.cases'>> {
  const { db, user } = call;
  const plan = planSearch(input.query);
  if (plan.kind === 'empty') return { rows: [], more: false };
  // A store that had cases before the index existed gets it built now, in this call's transaction; the
  // search screen polls how far (search.indexProgress).
  await call.ctx.progress.searchIndex.track((onProgress) =>
    indexIfEmpty(db, { onProgress: (done, total) => onProgress({ done, total }) }),
  );

  const found = await matchingCases(db, user, plan, input.limit + 1);
  const page = found.slice(0, input.limit);
  const rows = await toListRows(db, page);
  const facts = await matchFacts(db, page);
  // Audited, coalesced per kind of query: never the query text (a name, an ID number).
  await auditListRead(db, user, { list: 'search', filters: [plan.kind], count: rows.length }, call.now);
  return {
    rows: rows.map((row): SearchHit => ({ ...row, matched: matchedField(plan, facts.get(row.id)) })),
    more: found.length > input.limit,
  };
}

/** The visible, undeleted cases matching the plan, most recently indexed first, at most `limit`. */
export function matchingCases(
  db: Db,
  user: SessionUser,
  plan: Exclude<SearchPlan, { kind: 'empty' }>,
  limit: number,
): Promise<CaseRow[]> {
  return searchQuery(db, user, plan, limit).execute();
}

/**
 * The query itself, exported so its plan can be checked (EXPLAIN QUERY PLAN in the tests). CROSS JOIN
 * pins SQLite's join order (the index being walked stays the outer loop whatever ANALYZE says: a
 * counsellor's own cases must not become the driver, which would sort every match).
 *
 * A user who sees only some cases (a counsellor: about one case in twenty) walks many matches for each
 * one shown — for a rarer name, every match. Each is first checked against the set of the cases they may
 * see (ownCases: built once per query from the counsellor and companion indexes) before its case row is
 * looked up, so the walk reads the index being walked and search_docs only, not a page of the cases'
 * index per match. caseVisibility on the case row stays the rule: the set only narrows the walk.
 */
export function searchQuery(
  db: Db,
  user: SessionUser,
  plan: Exclude<SearchPlan, { kind: 'empty' }>,
  limit: number,
) {
  if (plan.kind === 'initial') {
    return db
      .selectFrom('search_name_initials')
      .crossJoin('search_docs')
      .crossJoin('cases')
      .whereRef('search_docs.doc_id', '=', 'search_name_initials.doc_id')
      .whereRef('cases.id', '=', 'search_docs.case_id')
      .selectAll('cases')
      .where('search_name_initials.first_char', '=', plan.char)
      .$if(!seesAllCases(user), (q) => q.where('search_docs.case_id', 'in', ownCases(db, user)))
      .where('cases.deleted_at', 'is', null)
      .where(caseVisibility(user))
      .orderBy('search_name_initials.doc_id', 'desc')
      .limit(limit);
  }
  return db
    .selectFrom('search_fts')
    .crossJoin('search_docs')
    .crossJoin('cases')
    .whereRef('search_docs.doc_id', '=', 'search_fts.rowid')
    .whereRef('cases.id', '=', 'search_docs.case_id')
    .selectAll('cases')
    .where(sql<boolean>`search_fts MATCH ${plan.match}`)
    .$if(!seesAllCases(user), (q) => q.where('search_docs.case_id', 'in', ownCases(db, user)))
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user))
    .orderBy('search_fts.rowid', 'desc')
    .limit(limit);
}

/** The ids of the cases a user who does not see every case may see (caseVisibility's own rows). */
function ownCases(db: Db, user: SessionUser) {
  return db
    .selectFrom('cases')
    .select('cases.id')
    .where(caseVisibility(user))
    .where('cases.deleted_at', 'is', null);
}

/** What each hit's searchable short fields hold as tokens, to name the field that matched. */
interface MatchFacts {
  names: string[];
  pinyin: string[];
  caseNumber: string[];
  receiptNumber: string[];
  idLast4: string[];
}

async function matchFacts(db: Db, rows: readonly CaseRow[]): Promise<Map<string, MatchFacts>> {
  const facts = new Map<string, MatchFacts>();
  if (rows.length === 0) return facts;
  const parties = await db
    .selectFrom('case_parties')
    .select(['case_id', 'name', 'document_number'])
    .where(
      'case_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('deleted_at', 'is', null)
    .execute();
  for (const row of rows) {
    const own = parties.filter((p) => p.case_id === row.id);
    const compact = (value: string | null) => {
      const tokens = value ? searchTokens(value) : [];
      return tokens.length > 1 ? [...tokens, tokens.join('')] : tokens;
    };
    facts.set(row.id, {
      names: own.flatMap((p) => searchTokens(p.name)),
      pinyin: pinyinTokens(own.map((p) => p.name)),
      caseNumber: compact(row.case_number),
      receiptNumber: compact(row.receipt_number),
      idLast4: own.map((p) => idLast4(p.document_number)).filter((t) => t !== ''),
    });
  }
  return facts;
}

/**
 * The first field that satisfies the first phrase, in the order a user would expect to be told; notes
 * when none of the short fields does (the notes themselves are never read back).
 */
export function matchedField(
  plan: Exclude<SearchPlan, { kind: 'empty' }>,
  facts: MatchFacts | undefined,
): SearchMatchField {
  if (plan.kind === 'initial' || !facts) return 'name';
  const phrase: Phrase | undefined = plan.phrases[0];
  if (!phrase) return 'notes';
  const fields: [SearchMatchField, string[]][] = [
    ['name', facts.names],
    ['caseNumber', facts.caseNumber],
    ['receiptNumber', facts.receiptNumber],
    ['idLast4', facts.idLast4],
    ['pinyinInitials', facts.pinyin],
  ];
  return fields.find(([, tokens]) => phraseMatches(tokens, phrase))?.[0] ?? 'notes';
}
