import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { normalizeSearchText, toIndexText } from '../../shared/search';
import { caseWriteHooks } from '../cases';
import type { DB, Db } from '../db';
import { pinyinTokens } from './pinyin';

/*
 * Keeps the case search index (migration 0004) current. One FTS row per case, rebuilt whole on every case,
 * party, record or addendum write, inside that write's transaction (the cases services call the
 * caseWriteHooks), so the index commits or rolls back with the change.
 *
 * What is indexed: party names (CJK bigrams), pinyin initials of the names (edge n-grams), case number,
 * filing receipt number, the last four characters of each party's document number, and the words of the
 * reason text and of every record's interview notes, intervention assessment, remarks and addenda.
 * What never is: DV disclosures (another table, never read here), phone numbers, addresses, full
 * document numbers.
 */

/** The text of each FTS column for one case. */
export interface SearchDocument {
  names: string;
  pinyin: string;
  case_number: string;
  receipt_number: string;
  id_last4: string;
  notes: string;
}

/** Registers the indexer with the case services' write hooks; createApp calls it once (idempotent). */
export function registerSearchIndexing(): void {
  caseWriteHooks.register(reindexWrittenCases);
}

/** The write hook: the changed cases' index rows follow them, in the write's transaction. */
async function reindexWrittenCases(trx: Transaction<DB>, caseIds: readonly string[]): Promise<void> {
  await reindexCases(trx, caseIds);
}

/**
 * Rebuilds one case's index rows; a missing or deleted case leaves none. A write that changes nothing
 * searchable (a status sweep, a DV flag) leaves the row and its place in the order alone.
 */
export async function reindexCase(trx: Transaction<DB>, caseId: string): Promise<void> {
  await reindexCases(trx, [caseId]);
}

/** A rebuild's progress: the cases done so far of the total, after each batch. */
export interface RebuildOptions {
  onProgress?: (done: number, total: number) => void;
}

/**
 * Drops the whole index and builds it again from the cases, oldest change first (after a restore or an
 * import, or for cases written before migration 0004), inside the caller's transaction: the index is
 * either wholly rebuilt or left as it was. The same rows as reindexCases over every case
 * (tests/integration/search-plan.test.ts compares them). Returns the number of cases read.
 *
 * In bounded memory, whatever the number of cases: a small batch of cases is read, built, written and
 * dropped before the next; only the ordered case ids are held throughout. Between batches the event loop
 * is free (timers, IPC, progress reports); other queries wait for the transaction as they always did.
 */
export async function rebuildSearchIndex(
  trx: Transaction<DB>,
  options: RebuildOptions = {},
): Promise<number> {
  const ids = (await trx.selectFrom('cases').select('id').orderBy('updated_at').orderBy('id').execute()).map(
    (row) => row.id,
  );
  await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(trx);
  await trx.deleteFrom('search_name_initials').execute();
  await trx.deleteFrom('search_docs').execute();
  let nextDocId = 1;
  for (let at = 0; at < ids.length; at += REBUILD_BATCH) {
    const batch = ids.slice(at, at + REBUILD_BATCH);
    const docs = buildDocuments(bySourceId(await readSources(trx, batch)));
    const rows: { docId: number; caseId: string; doc: BuiltDocument }[] = [];
    for (const caseId of batch) {
      const doc = docs.get(caseId);
      if (doc) rows.push({ docId: nextDocId++, caseId, doc }); // none: a deleted case
    }
    await insertDocRows(
      trx,
      rows.map((r) => ({
        docId: r.docId,
        caseId: r.caseId,
        hash: contentHash(r.doc),
        initials: r.doc.initials,
      })),
    );
    await insertFtsRows(
      trx,
      rows.map((r) => ({ docId: r.docId, columns: r.doc.columns })),
    );
    options.onProgress?.(at + batch.length, ids.length);
    await freeEventLoop();
  }
  return ids.length;
}

/** Cases whose documents are built before their index rows are written (memory: ≈3 KB a case). */
const ROUND = 4_000;
/**
 * Cases per rebuild batch. The heap grows by what is still alive when V8 collects its young generation
 * (promoted, then freed only by a full collection): with 50 cases' rows and documents that is almost
 * nothing, while with 100 the heap of a 100,000-case rebuild grew by ≈165 MB and with the earlier
 * 4,000-case rounds by ≈120 MB (tests/bench/search.ts). Each batch's FTS rows become one index segment,
 * which FTS5 merges as they pile up.
 */
const REBUILD_BATCH = 50;
/** Ids per query and rows per multi-row insert (SQLite allows 32,766 variables a statement). */
const BATCH = 400;

/**
 * reindexCase for many cases at once, in the given order (the last one ranks first), with the same
 * result row for row: a few queries and multi-row inserts per batch of cases instead of several per
 * case. Used when many cases arrive together (a case-archive import). Returns how many
 * cases' index rows changed.
 */
export async function reindexCases(trx: Transaction<DB>, caseIds: readonly string[]): Promise<number> {
  let changed = 0;
  for (let start = 0; start < caseIds.length; start += ROUND) {
    const round = [...new Set(caseIds.slice(start, start + ROUND))];
    const sources = new Map<string, CaseSearchSource>();
    for (let at = 0; at < round.length; at += BATCH) {
      for (const source of await readSources(trx, round.slice(at, at + BATCH)))
        sources.set(source.case.id, source);
    }
    changed += await writeDocuments(trx, round, buildDocuments(sources));
  }
  return changed;
}

/**
 * reindexCases for cases whose searchable rows the caller already holds (an import's new cases, just
 * inserted): the same documents, without reading the rows back. A case without a source (a deleted one)
 * gets no index row. Returns how many cases' index rows changed.
 */
export async function indexCaseSources(
  trx: Transaction<DB>,
  caseIds: readonly string[],
  sources: ReadonlyMap<string, CaseSearchSource>,
): Promise<number> {
  let changed = 0;
  for (let start = 0; start < caseIds.length; start += ROUND) {
    const round = [...new Set(caseIds.slice(start, start + ROUND))];
    const inRound = new Map<string, CaseSearchSource>();
    for (const id of round) {
      const source = sources.get(id);
      if (source) inRound.set(id, source);
    }
    changed += await writeDocuments(trx, round, buildDocuments(inRound));
  }
  return changed;
}

/**
 * Writes the index rows of `caseIds` (documents by case id; none: the case has no row), skipping every
 * case whose document is unchanged. The FTS statements come last and together: FTS5 writes its pending
 * terms out as a new segment whenever another write statement of the transaction opens a statement
 * savepoint (any multi-row insert or delete, its own included), so interleaving them with the other tables'
 * writes would cut the index into many small segments (≈1 s more for 10,000 cases).
 */
async function writeDocuments(
  trx: Transaction<DB>,
  caseIds: readonly string[],
  docs: ReadonlyMap<string, BuiltDocument>,
): Promise<number> {
  const existing = new Map<string, { doc_id: number; content_hash: string }>();
  for (let at = 0; at < caseIds.length; at += BATCH) {
    const rows = await trx
      .selectFrom('search_docs')
      .select(['doc_id', 'case_id', 'content_hash'])
      .where('case_id', 'in', caseIds.slice(at, at + BATCH))
      .execute();
    for (const row of rows) existing.set(row.case_id, row);
  }
  const stale: number[] = [];
  const fresh: { caseId: string; doc: BuiltDocument; hash: string }[] = [];
  let changed = 0;
  for (const caseId of caseIds) {
    const doc = docs.get(caseId) ?? null;
    const hash = doc ? contentHash(doc) : null;
    const old = existing.get(caseId);
    if (old && old.content_hash === hash) continue;
    if (old) stale.push(old.doc_id);
    if (doc && hash) fresh.push({ caseId, doc, hash });
    changed++;
  }
  for (let at = 0; at < stale.length; at += BATCH) {
    const part = stale.slice(at, at + BATCH);
    await trx.deleteFrom('search_name_initials').where('doc_id', 'in', part).execute();
    await trx.deleteFrom('search_docs').where('doc_id', 'in', part).execute();
  }
  // New doc ids larger than any other: the most recently changed case comes first in FTS order.
  const { max } = await trx
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('doc_id').as('max'))
    .executeTakeFirstOrThrow();
  const first = (max ?? 0) + 1;
  await insertDocRows(
    trx,
    fresh.map((f, i) => ({ docId: first + i, caseId: f.caseId, hash: f.hash, initials: f.doc.initials })),
  );
  for (let at = 0; at < stale.length; at += BATCH)
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(stale.slice(at, at + BATCH))})`.execute(trx);
  await insertFtsRows(
    trx,
    fresh.map((f, i) => ({ docId: first + i, columns: f.doc.columns })),
  );
  return changed;
}

/** One case's rows beside the FTS row: search_docs and its names' first characters. */
interface DocRow {
  docId: number;
  caseId: string;
  hash: string;
  initials: readonly string[];
}

interface FtsRow {
  docId: number;
  columns: SearchDocument;
}

async function insertDocRows(trx: Transaction<DB>, rows: readonly DocRow[]): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH)
    await trx
      .insertInto('search_docs')
      .values(
        rows.slice(at, at + BATCH).map((r) => ({ doc_id: r.docId, case_id: r.caseId, content_hash: r.hash })),
      )
      .execute();
  const initials = rows.flatMap((r) => r.initials.map((first_char) => ({ first_char, doc_id: r.docId })));
  for (let at = 0; at < initials.length; at += BATCH)
    await trx
      .insertInto('search_name_initials')
      .values(initials.slice(at, at + BATCH))
      .execute();
}

async function insertFtsRows(trx: Transaction<DB>, rows: readonly FtsRow[]): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH)
    await trx
      .insertInto('search_fts')
      .values(rows.slice(at, at + BATCH).map((r) => ({ rowid: r.docId, ...r.columns })))
      .execute();
}

/** Lets timers and I/O run between two batches of a long job (better-sqlite3 and kysely never yield). */
function freeEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Builds the index when it is empty but cases exist: a store that had cases before migration 0004.
 * Two existence probes that stop at the first row, so the search service can call it on every search.
 */
export async function indexIfEmpty(trx: Transaction<DB>, options: RebuildOptions = {}): Promise<boolean> {
  const indexed = await trx.selectFrom('search_docs').select('doc_id').limit(1).executeTakeFirst();
  if (indexed) return false;
  const anyCase = await trx
    .selectFrom('cases')
    .select('id')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!anyCase) return false;
  await rebuildSearchIndex(trx, options);
  return true;
}

function contentHash(doc: BuiltDocument): string {
  return createHash('sha256').update(JSON.stringify(doc), 'utf8').digest('hex');
}

interface BuiltDocument {
  columns: SearchDocument;
  initials: string[];
}

/** What one case's index document is made of: its searchable columns and those of its living rows. */
export interface CaseSearchSource {
  case: { id: string; case_number: string | null; receipt_number: string | null; reason_text: string | null };
  /** Parties in party order. */
  parties: { name: string; document_number: string | null }[];
  /** Counselling records, oldest first. */
  records: {
    interview_notes: string | null;
    intervention_assessment: string | null;
    remarks: string | null;
  }[];
  /** Addenda, oldest first. */
  addenda: { text: string }[];
}

/** The sources of the given cases that exist and are not deleted (one query per table). */
async function readSources(trx: Db, caseIds: readonly string[]): Promise<CaseSearchSource[]> {
  if (caseIds.length === 0) return [];
  const ids = [...caseIds];
  const cases = await trx
    .selectFrom('cases')
    .select(['id', 'case_number', 'receipt_number', 'reason_text'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  if (cases.length === 0) return [];
  const parties = groupByCase(
    await trx
      .selectFrom('case_parties')
      .select(['case_id', 'name', 'document_number'])
      .where('case_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('case_id')
      .orderBy('party')
      .execute(),
  );
  const records = groupByCase(
    await trx
      .selectFrom('counselling_records')
      .select(['case_id', 'interview_notes', 'intervention_assessment', 'remarks'])
      .where('case_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('case_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  const addenda = groupByCase(
    await trx
      .selectFrom('record_addenda')
      .select(['case_id', 'text'])
      .where('case_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('case_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  return cases.map((row) => ({
    case: row,
    parties: parties.get(row.id) ?? [],
    records: records.get(row.id) ?? [],
    addenda: addenda.get(row.id) ?? [],
  }));
}

/** The index document of each source, by case id. */
function buildDocuments(sources: ReadonlyMap<string, CaseSearchSource>): Map<string, BuiltDocument> {
  const docs = new Map<string, BuiltDocument>();
  for (const [caseId, { case: row, parties, records, addenda }] of sources) {
    const names = parties.map((p) => p.name);
    const notes = [
      row.reason_text,
      ...records.flatMap((r) => [r.interview_notes, r.intervention_assessment, r.remarks]),
      ...addenda.map((a) => a.text),
    ];
    docs.set(caseId, {
      columns: {
        names: joinIndexText(names),
        pinyin: pinyinTokens(names).join(' '),
        case_number: numberText(row.case_number),
        receipt_number: numberText(row.receipt_number),
        id_last4: parties.map((p) => idLast4(p.document_number)).join(' '),
        notes: joinIndexText(notes),
      },
      initials: [...new Set(names.map(firstChar).filter((c) => c !== ''))],
    });
  }
  return docs;
}

function bySourceId(sources: readonly CaseSearchSource[]): Map<string, CaseSearchSource> {
  return new Map(sources.map((source) => [source.case.id, source]));
}

/** Rows grouped by case id, each group keeping the query's order. */
function groupByCase<T extends { case_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.case_id);
    if (group) group.push(row);
    else groups.set(row.case_id, [row]);
  }
  return groups;
}

function joinIndexText(texts: readonly (string | null)[]): string {
  return texts
    .map((t) => (t ? toIndexText(t) : ''))
    .filter((t) => t !== '')
    .join(' ');
}

/** A number's tokens ('2026 lh 00012') plus its compact form ('2026lh00012'), for either way of typing. */
function numberText(value: string | null): string {
  const text = value ? toIndexText(value) : '';
  if (!text.includes(' ')) return text;
  return `${text} ${text.replaceAll(' ', '')}`;
}

/** The last four letters/digits of a document number as one token ('…123x' → '123x'); the rest never. */
export function idLast4(documentNumber: string | null): string {
  if (!documentNumber) return '';
  const chars = normalizeSearchText(documentNumber).replace(/[^\p{L}\p{N}]/gu, '');
  return chars.length >= 4 ? chars.slice(-4) : '';
}

/** The first character of a name, normalised the way queries are ('張' stays '張'; full-width folds). */
export function firstChar(name: string): string {
  for (const ch of normalizeSearchText(name.trim())) return ch;
  return '';
}
