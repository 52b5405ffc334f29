import type { ImportCase, ImportResult } from '../../shared/archive';
import { localDateAt } from '../../shared/calendar';
import type { CounsellingType } from '../../shared/cases';
import { DomainError } from '../../shared/errors';
import { actorOf, appendAudit } from '../audit';
import { nextCaseNumber } from '../cases';
import { uuidv7, type WriteCall } from '../desk';
import { nextArchiveNumber } from '../families';
import { nextReferenceNumber } from '../referrals';
import { indexCaseSources, reindexCases, type CaseSearchSource } from '../search';
import {
  existingIds,
  insertPlaceholderUsers,
  insertPlaceholderVolunteers,
  insertRows,
  linkedCases,
  updateRow,
} from './apply.repository';
import { classify, groupContent, type CaseGroup, type Classified, type FamilyGroup } from './compare';
import type { ArchiveContent } from './encoding';
import { chunks } from './collect.repository';
import { AUDIT_IDS_PER_ENTRY, auditableFileName } from './audit-details';
import { CASE_TABLES, FAMILY_TABLES, type ArchiveRow, type FamilyTable, type SyncedTable } from './tables';

/*
 * Applying a read archive, in the caller's ONE transaction (docs/domain.md "Case archives"):
 *   - the archive is compared again; a verdict that changed since the preview → ARCHIVE_CHANGED_SINCE_READ;
 *   - accounts and volunteers it names that this desk lacks become placeholders (apply.repository.ts);
 *   - 'new' cases are inserted as they are (ids, origin device, timestamps, versions kept);
 *   - 'same' cases are left alone;
 *   - replaced cases ('archive_newer' the user chose) take every archived row that is newer, row by row;
 *   - every other existing case is kept twice: the archive's copy gets new ids for all its rows, this
 *     desk's origin and new numbers from this desk's sequences (case number, referral references), and an
 *     import_reviews row links it to this desk's case (待核对);
 *   - family archives follow their cases: a new one is inserted; one that differs is updated row by row
 *     when one of its cases was replaced, else copied (new ids and archive number) for the kept copies;
 *   - the search index is rebuilt for every case that changed, and the import is audited.
 * Any constraint the rows break rolls the whole import back: ARCHIVE_CONTENT_INVALID.
 */

type Landed = 'added' | 'replaced' | 'kept_both';

export async function applyImport(
  call: WriteCall,
  content: ArchiveContent,
  previewed: readonly ImportCase[],
  replace: ReadonlySet<string>,
  fileName: string,
): Promise<ImportResult> {
  const { db: trx, now, open, user } = call;
  const at = now.toISOString();
  const grouped = groupContent(content);
  const classified = await classify(trx, content, grouped);
  const before = new Map(previewed.map((c) => [c.caseId, c.state]));
  for (const c of classified.cases) {
    if (before.get(c.caseId) !== c.state) throw new DomainError('ARCHIVE_CHANGED_SINCE_READ');
  }

  try {
    const presentUsers = await existingIds(
      trx,
      'users',
      content.rows.users.map((u) => u.id as string),
    );
    await insertPlaceholderUsers(
      trx,
      content.rows.users.filter((u) => !presentUsers.has(u.id as string)),
      open.deviceId,
      at,
    );
    const presentVolunteers = await existingIds(
      trx,
      'volunteers',
      content.rows.volunteers.map((v) => v.id as string),
    );
    await insertPlaceholderVolunteers(
      trx,
      content.rows.volunteers.filter((v) => !presentVolunteers.has(v.id as string)),
      user.id,
      open.deviceId,
      at,
    );

    const landed = new Map<string, Landed>();
    /** Original case id → its kept copy's id. */
    const copies = new Map<string, string>();
    // New cases first, in bulk: the numbers the copies take next are counted from every case here.
    const inserts = emptyInserts();
    for (const c of classified.cases) {
      if (c.state !== 'new') continue;
      const group = classified.groups.get(c.caseId)!;
      for (const t of CASE_TABLES) inserts[t].push(...group.rows[t]);
      landed.set(c.caseId, 'added');
    }
    for (const t of CASE_TABLES) insertRows(call.open.store.sqlite, t, inserts[t]);
    for (const c of classified.cases) {
      if (c.state === 'new' || c.state === 'same') continue;
      const group = classified.groups.get(c.caseId)!;
      if (replace.has(c.caseId)) {
        await upsertNewer(call, group.rows, classified);
        landed.set(c.caseId, 'replaced');
      } else {
        copies.set(c.caseId, await copyCase(call, group));
        landed.set(c.caseId, 'kept_both');
      }
    }

    const caseExists = async (ids: readonly string[]) => existingIds(trx, 'cases', ids);
    for (const family of classified.families.values()) {
      await applyFamily(call, family, classified, replace, copies, caseExists);
    }

    for (const [original, copy] of copies) {
      await trx
        .insertInto('import_reviews')
        .values({
          id: uuidv7(now),
          case_id: copy,
          other_case_id: original,
          imported_at: at,
          imported_by: user.id,
          resolved_at: null,
          resolved_by: null,
        })
        .execute();
    }

    // Added cases are indexed from the rows in hand; replaced ones and kept copies from what the store
    // now holds.
    const added = [...landed].filter(([, how]) => how === 'added').map(([id]) => id);
    await indexCaseSources(trx, added, searchSources(added, classified));
    await reindexCases(
      trx,
      [...landed]
        .filter(([, how]) => how !== 'added')
        .map(([id, how]) => (how === 'kept_both' ? copies.get(id)! : id)),
    );

    const counts = { added: 0, replaced: 0, keptBoth: 0 };
    for (const how of landed.values()) {
      if (how === 'added') counts.added += 1;
      else if (how === 'replaced') counts.replaced += 1;
      else counts.keptBoth += 1;
    }
    const unchanged = classified.cases.length - landed.size;
    await appendAudit(
      trx,
      {
        ...actorOf(user),
        action: 'archive.imported',
        detail: {
          count: classified.cases.length,
          addedCount: counts.added,
          replacedCount: counts.replaced,
          keptBothCount: counts.keptBoth,
          unchangedCount: unchanged,
          fileName: auditableFileName(fileName),
        },
      },
      now,
    );
    // Which cases came in: added and replaced ones by id, a hundred to an entry; each kept copy on its own,
    // naming the case it duplicates.
    for (const status of ['added', 'replaced'] as const) {
      const ids = [...landed].filter(([, how]) => how === status).map(([id]) => id);
      for (const part of chunks(ids, AUDIT_IDS_PER_ENTRY)) {
        await appendAudit(
          trx,
          {
            ...actorOf(user),
            action: 'case.imported',
            detail: { status, caseIds: part.join(','), count: part.length },
          },
          now,
        );
      }
    }
    for (const [original, copy] of copies) {
      await appendAudit(
        trx,
        {
          ...actorOf(user),
          action: 'case.imported',
          targetType: 'case',
          targetId: copy,
          detail: { status: 'kept_both', otherCaseId: original },
        },
        now,
      );
    }
    return { ...counts, unchanged };
  } catch (e) {
    throw constraintFailure(e);
  }
}

type Inserts = Record<SyncedTable, ArchiveRow[]>;

/** The search index's view of archived cases, from their rows (living rows, in the indexer's order). */
function searchSources(caseIds: readonly string[], classified: Classified): Map<string, CaseSearchSource> {
  const sources = new Map<string, CaseSearchSource>();
  const living = (rows: readonly ArchiveRow[]) => rows.filter((r) => r.deleted_at === null);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  for (const caseId of caseIds) {
    const { rows } = classified.groups.get(caseId)!;
    const row = rows.cases[0]!;
    if (row.deleted_at !== null) continue;
    sources.set(caseId, {
      case: {
        id: caseId,
        case_number: text(row.case_number),
        receipt_number: text(row.receipt_number),
        reason_text: text(row.reason_text),
      },
      parties: living(rows.case_parties)
        .sort(byColumns('party'))
        .map((p) => ({ name: p.name as string, document_number: text(p.document_number) })),
      records: living(rows.counselling_records)
        .sort(byColumns('created_at', 'id'))
        .map((r) => ({
          interview_notes: text(r.interview_notes),
          intervention_assessment: text(r.intervention_assessment),
          remarks: text(r.remarks),
        })),
      addenda: living(rows.record_addenda)
        .sort(byColumns('created_at', 'id'))
        .map((a) => ({ text: a.text as string })),
    });
  }
  return sources;
}

/** SQLite's ORDER BY of text columns (binary: code unit by code unit for these ASCII values). */
function byColumns(...columns: string[]) {
  return (x: ArchiveRow, y: ArchiveRow): number => {
    for (const c of columns) {
      const a = String(x[c]);
      const b = String(y[c]);
      if (a !== b) return a < b ? -1 : 1;
    }
    return 0;
  };
}

function emptyInserts(): Inserts {
  return Object.fromEntries([...CASE_TABLES, ...FAMILY_TABLES].map((t) => [t, []])) as unknown as Inserts;
}

/** Replace: every archived row this desk lacks is inserted, every newer one written over this desk's. */
async function upsertNewer(
  call: WriteCall,
  rows: Partial<Record<SyncedTable, ArchiveRow[]>>,
  classified: Classified,
): Promise<void> {
  // Parents before children (the object's keys are in table order).
  for (const [table, list] of Object.entries(rows) as [SyncedTable, ArchiveRow[]][]) {
    const present = await existingIds(
      call.db,
      table,
      list.map((r) => r.id as string),
    );
    insertRows(
      call.open.store.sqlite,
      table,
      list.filter((row) => !present.has(row.id as string)),
    );
    for (const row of list) {
      if (present.has(row.id as string) && classified.verdicts.get(row.id as string) === 'archive') {
        await updateRow(call.db, table, row);
      }
    }
  }
}

/** Keep both: the archive's case under new ids, this desk's origin and new numbers. Returns the copy's id. */
async function copyCase(call: WriteCall, group: CaseGroup): Promise<string> {
  const { db: trx, now, open } = call;
  const ids = new Map<string, string>();
  for (const table of CASE_TABLES)
    for (const row of group.rows[table]) ids.set(row.id as string, uuidv7(now));
  const map = (id: unknown) => (id === null ? null : (ids.get(id as string) ?? (id as string)));
  const caseRow = group.rows.cases[0]!;
  const copyId = map(caseRow.id)!;
  const copied = (row: ArchiveRow): ArchiveRow => ({ ...row, id: map(row.id), origin_device: open.deviceId });
  const out = emptyInserts();
  out.cases.push({
    ...copied(caseRow),
    case_number: await nextCaseNumber(trx, open.deviceId, caseRow.type as CounsellingType, localDateAt(now)),
  });
  for (const table of [
    'case_parties',
    'counselling_records',
    'dv_disclosures',
    'supervision_items',
  ] as const) {
    for (const row of group.rows[table]) out[table].push({ ...copied(row), case_id: copyId });
  }
  for (const row of group.rows.record_addenda) {
    out.record_addenda.push({ ...copied(row), case_id: copyId, record_id: map(row.record_id) });
  }
  for (const table of CASE_TABLES) {
    if (table === 'referrals' || table === 'referral_events') continue;
    insertRows(call.open.store.sqlite, table, out[table]);
  }
  // One at a time: each copy takes the next reference number of this desk for the referral's year.
  for (const row of group.rows.referrals) {
    const { seq, reference } = await nextReferenceNumber(trx, open.deviceId, row.ref_year as number);
    insertRows(call.open.store.sqlite, 'referrals', [
      {
        ...copied(row),
        case_id: copyId,
        dv_disclosure_id: map(row.dv_disclosure_id),
        ref_seq: seq,
        reference_number: reference,
      },
    ]);
  }
  insertRows(
    call.open.store.sqlite,
    'referral_events',
    group.rows.referral_events.map((row) => ({ ...copied(row), referral_id: map(row.referral_id) })),
  );
  return copyId;
}

async function applyFamily(
  call: WriteCall,
  family: FamilyGroup,
  classified: Classified,
  replace: ReadonlySet<string>,
  copies: ReadonlyMap<string, string>,
  caseExists: (ids: readonly string[]) => Promise<Set<string>>,
): Promise<void> {
  const { db: trx, now, open } = call;
  const state = classified.familyStates.get(family.id);
  if (state === 'same') return;
  const rows = family.rows;
  const planCases = rows.followup_plans
    .map((p) => p.case_id)
    .filter((id): id is string => typeof id === 'string');
  const known = await caseExists([...new Set([...planCases, ...family.caseIds])]);
  const planCase = (id: string | number | null): string | null => {
    if (typeof id !== 'string') return null;
    const copy = copies.get(id);
    if (copy) return copy;
    return known.has(id) ? id : null;
  };

  if (state !== 'absent' && family.caseIds.some((id) => replace.has(id))) {
    // Replaced with its case: row by row, newer wins; a kept copy's link is not the archive's to move.
    const filtered: Partial<Record<FamilyTable, ArchiveRow[]>> = {
      ...rows,
      family_cases: rows.family_cases.filter((l) => !copies.has(l.case_id as string)),
      followup_plans: rows.followup_plans.map((p) => ({ ...p, case_id: planCase(p.case_id ?? null) })),
    };
    await upsertNewer(call, filtered, classified);
    return;
  }

  const copying = state !== 'absent';
  const ids = new Map<string, string>();
  const id = (old: unknown) => {
    if (!copying) return old as string;
    let next = ids.get(old as string);
    if (!next) {
      next = uuidv7(now);
      ids.set(old as string, next);
    }
    return next;
  };
  const origin = (row: ArchiveRow) => (copying ? open.deviceId : (row.origin_device as string));
  const linked = await linkedCases(
    trx,
    rows.family_cases.map((l) => copies.get(l.case_id as string) ?? (l.case_id as string)),
  );
  const familyRow = rows.families[0]!;
  const numbered = copying
    ? await nextArchiveNumber(trx, open.deviceId, familyRow.archive_year as number)
    : { seq: familyRow.archive_seq as number, archiveNumber: familyRow.archive_number as string };
  const out: Record<FamilyTable, ArchiveRow[]> = {
    families: [
      {
        ...familyRow,
        id: id(familyRow.id),
        origin_device: origin(familyRow),
        archive_seq: numbered.seq,
        archive_number: numbered.archiveNumber,
      },
    ],
    family_cases: rows.family_cases
      .filter((l) => {
        const caseId = copies.get(l.case_id as string) ?? (l.case_id as string);
        // A copy links only its kept copies; any case already in a family archive here stays where it is.
        if (copying && !copies.has(l.case_id as string) && known.has(l.case_id as string)) return false;
        return l.deleted_at !== null || !linked.has(caseId);
      })
      .map((l) => ({
        ...l,
        id: id(l.id),
        family_id: id(l.family_id),
        case_id: copies.get(l.case_id as string) ?? l.case_id ?? null,
        origin_device: origin(l),
      })),
    family_members: rows.family_members.map((r) => ({
      ...r,
      id: id(r.id),
      family_id: id(r.family_id),
      origin_device: origin(r),
    })),
    family_help_links: rows.family_help_links.map((r) => ({
      ...r,
      id: id(r.id),
      family_id: id(r.family_id),
      origin_device: origin(r),
    })),
    followup_plans: rows.followup_plans.map((r) => ({
      ...r,
      id: id(r.id),
      family_id: id(r.family_id),
      case_id: planCase(r.case_id ?? null),
      origin_device: origin(r),
    })),
    followup_visits: rows.followup_visits.map((r) => ({
      ...r,
      id: id(r.id),
      family_id: id(r.family_id),
      plan_id: id(r.plan_id),
      origin_device: origin(r),
    })),
  };
  for (const t of FAMILY_TABLES) insertRows(call.open.store.sqlite, t, out[t]);
}

/** A constraint the archived rows break (a CHECK, a unique number, a foreign key): the import is refused. */
function constraintFailure(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return new DomainError('ARCHIVE_CONTENT_INVALID', { table: 'constraint' });
  }
  return e;
}
