import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { normalizeSearchText, searchTokens, toIndexText } from '../../shared/search';
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
  caseWriteHooks.register(reindexCase);
}

/**
 * Rebuilds one case's index rows; a missing or deleted case leaves none. A write that changes nothing
 * searchable (a status sweep, a DV flag) leaves the row and its place in the order alone.
 */
export async function reindexCase(trx: Transaction<DB>, caseId: string): Promise<void> {
  const doc = await buildDocument(trx, caseId);
  const hash = doc ? contentHash(doc) : null;
  const existing = await trx
    .selectFrom('search_docs')
    .select(['doc_id', 'content_hash'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (existing && existing.content_hash === hash) return;
  if (existing) await removeDoc(trx, existing.doc_id);
  if (!doc || !hash) return;

  // A new doc id larger than any other: the most recently changed case comes first in FTS order.
  const { max } = await trx
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('doc_id').as('max'))
    .executeTakeFirstOrThrow();
  const docId = (max ?? 0) + 1;
  await trx
    .insertInto('search_docs')
    .values({ doc_id: docId, case_id: caseId, content_hash: hash })
    .execute();
  await trx
    .insertInto('search_fts')
    .values({ rowid: docId, ...doc.columns })
    .execute();
  if (doc.initials.length > 0) {
    await trx
      .insertInto('search_name_initials')
      .values(doc.initials.map((first_char) => ({ first_char, doc_id: docId })))
      .execute();
  }
}

/**
 * Drops the whole index and builds it again from the cases, oldest change first (after a restore or an
 * import, or for cases written before migration 0004), inside the caller's transaction. Returns the
 * number of cases read.
 */
export async function rebuildSearchIndex(trx: Transaction<DB>): Promise<number> {
  const ids = await trx.selectFrom('cases').select('id').orderBy('updated_at').orderBy('id').execute();
  await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(trx);
  await trx.deleteFrom('search_name_initials').execute();
  await trx.deleteFrom('search_docs').execute();
  for (const { id } of ids) await reindexCase(trx, id);
  return ids.length;
}

/**
 * Builds the index when it is empty but cases exist: a store that had cases before migration 0004.
 * Two existence probes that stop at the first row, so the search service can call it on every search.
 */
export async function indexIfEmpty(trx: Transaction<DB>): Promise<boolean> {
  const indexed = await trx.selectFrom('search_docs').select('doc_id').limit(1).executeTakeFirst();
  if (indexed) return false;
  const anyCase = await trx
    .selectFrom('cases')
    .select('id')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!anyCase) return false;
  await rebuildSearchIndex(trx);
  return true;
}

async function removeDoc(trx: Db, docId: number): Promise<void> {
  // contentless_delete = 1: a plain DELETE by rowid removes the row's tokens.
  await sql`DELETE FROM search_fts WHERE rowid = ${docId}`.execute(trx);
  await trx.deleteFrom('search_name_initials').where('doc_id', '=', docId).execute();
  await trx.deleteFrom('search_docs').where('doc_id', '=', docId).execute();
}

function contentHash(doc: { columns: SearchDocument; initials: string[] }): string {
  return createHash('sha256').update(JSON.stringify(doc), 'utf8').digest('hex');
}

async function buildDocument(
  trx: Db,
  caseId: string,
): Promise<{ columns: SearchDocument; initials: string[] } | null> {
  const row = await trx
    .selectFrom('cases')
    .select(['case_number', 'receipt_number', 'reason_text'])
    .where('id', '=', caseId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;

  const parties = await trx
    .selectFrom('case_parties')
    .select(['name', 'document_number'])
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('party')
    .execute();
  const records = await trx
    .selectFrom('counselling_records')
    .select(['interview_notes', 'intervention_assessment', 'remarks'])
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const addenda = await trx
    .selectFrom('record_addenda')
    .select('text')
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();

  const names = parties.map((p) => p.name);
  const notes = [
    row.reason_text,
    ...records.flatMap((r) => [r.interview_notes, r.intervention_assessment, r.remarks]),
    ...addenda.map((a) => a.text),
  ];
  return {
    columns: {
      names: joinIndexText(names),
      pinyin: pinyinTokens(names).join(' '),
      case_number: numberText(row.case_number),
      receipt_number: numberText(row.receipt_number),
      id_last4: parties.map((p) => idLast4(p.document_number)).join(' '),
      notes: joinIndexText(notes),
    },
    initials: [...new Set(names.map(firstChar).filter((c) => c !== ''))],
  };
}

function joinIndexText(texts: readonly (string | null)[]): string {
  return texts
    .map((t) => (t ? toIndexText(t) : ''))
    .filter((t) => t !== '')
    .join(' ');
}

/** A number's tokens ('2026 lh 00012') plus its compact form ('2026lh00012'), for either way of typing. */
function numberText(value: string | null): string {
  if (!value) return '';
  const tokens = searchTokens(value);
  const compact = tokens.join('');
  return (tokens.length > 1 ? [...tokens, compact] : tokens).join(' ');
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
