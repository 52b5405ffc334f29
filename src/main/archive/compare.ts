import {
  ARCHIVE_DIFFERENCES,
  type ArchiveDifference,
  type ImportCase,
  type ImportCaseState,
} from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import type { Db } from '../db';
import { CASE_CHUNK, caseRows, chunks, counsellorIdsOf, familyRows } from './collect.repository';
import type { ArchiveContent } from './encoding';
import {
  CASE_TABLES,
  COLUMNS,
  DIFFERENCE_OF,
  FAMILY_TABLES,
  USER_COLUMNS,
  VOLUNTEER_COLUMNS,
  type ArchiveRow,
  type CaseTable,
  type FamilyTable,
  type SyncedTable,
} from './tables';

/*
 * How each archived case stands against this desk (docs/domain.md "Case archives", import). Rows are
 * compared one by one, by id, over every column: a row the archive has and this desk lacks, or holds at a
 * higher version (then a later updated_at), is the archive's change; the reverse is this desk's change;
 * the same version with different content is a conflict. A case's state folds the verdicts of its rows
 * and of its family archive's rows: none differ → 'same'; all the archive's → 'archive_newer'; all this
 * desk's → 'local_newer'; anything else → 'diverged'. Rows the exporter left out for want of rights (DV)
 * are not counted as this desk's changes.
 */

export type Verdict = 'same' | 'archive' | 'local' | 'conflict';

/** One archived case grouped for comparing and applying. */
export interface CaseGroup {
  id: string;
  rows: Record<CaseTable, ArchiveRow[]>;
  familyId: string | null;
}

export interface FamilyGroup {
  id: string;
  rows: Record<FamilyTable, ArchiveRow[]>;
  caseIds: string[];
}

export interface Classified {
  cases: ImportCase[];
  groups: Map<string, CaseGroup>;
  families: Map<string, FamilyGroup>;
  /** Per family: absent here, or the verdicts of its rows folded (same / archive / local / conflict). */
  familyStates: Map<string, 'absent' | Verdict>;
  /** row id → verdict, for every archived row of a case or family that exists here. */
  verdicts: Map<string, Verdict>;
}

function emptyRows<T extends SyncedTable>(tables: readonly T[]): Record<T, ArchiveRow[]> {
  return Object.fromEntries(tables.map((t) => [t, []])) as unknown as Record<T, ArchiveRow[]>;
}

function invalid(table: string): DomainError {
  return new DomainError('ARCHIVE_CONTENT_INVALID', { table });
}

/**
 * Groups the rows by case and family, checking that every reference inside the archive resolves (a
 * child's parent, an account, a volunteer): ARCHIVE_CONTENT_INVALID otherwise.
 */
export function groupContent(content: ArchiveContent): {
  groups: Map<string, CaseGroup>;
  families: Map<string, FamilyGroup>;
} {
  const { rows } = content;
  const users = new Set(rows.users.map((u) => u.id as string));
  const volunteers = new Set(rows.volunteers.map((v) => v.id as string));
  const groups = new Map<string, CaseGroup>();
  for (const c of rows.cases) {
    groups.set(c.id as string, { id: c.id as string, rows: emptyRows(CASE_TABLES), familyId: null });
  }
  const recordCase = new Map(rows.counselling_records.map((r) => [r.id as string, r.case_id as string]));
  const referralCase = new Map(rows.referrals.map((r) => [r.id as string, r.case_id as string]));
  const dvCase = new Map(rows.dv_disclosures.map((r) => [r.id as string, r.case_id as string]));
  const caseOf: Record<CaseTable, (r: ArchiveRow) => string | undefined> = {
    cases: (r) => r.id as string,
    case_parties: (r) => r.case_id as string,
    counselling_records: (r) => r.case_id as string,
    record_addenda: (r) => {
      const c = recordCase.get(r.record_id as string);
      return c === r.case_id ? c : undefined;
    },
    dv_disclosures: (r) => r.case_id as string,
    referrals: (r) => {
      const link = r.dv_disclosure_id as string | null;
      return link === null || dvCase.get(link) === r.case_id ? (r.case_id as string) : undefined;
    },
    referral_events: (r) => referralCase.get(r.referral_id as string),
    supervision_items: (r) => r.case_id as string,
  };
  const checkPeople = (table: SyncedTable, r: ArchiveRow) => {
    for (const c of USER_COLUMNS[table] ?? [])
      if (r[c] !== null && !users.has(r[c] as string)) throw invalid(table);
    for (const c of VOLUNTEER_COLUMNS[table] ?? [])
      if (r[c] !== null && !volunteers.has(r[c] as string)) throw invalid(table);
    if (table === 'counselling_records')
      for (const id of counsellorIdsOf(r)) if (!users.has(id)) throw invalid(table);
  };
  for (const table of CASE_TABLES) {
    for (const r of rows[table]) {
      const group = groups.get(caseOf[table](r) ?? '');
      if (!group) throw invalid(table);
      checkPeople(table, r);
      group.rows[table].push(r);
    }
  }
  const families = new Map<string, FamilyGroup>();
  for (const f of rows.families) {
    families.set(f.id as string, { id: f.id as string, rows: emptyRows(FAMILY_TABLES), caseIds: [] });
  }
  const plans = new Set(rows.followup_plans.map((p) => p.id as string));
  for (const table of FAMILY_TABLES) {
    for (const r of rows[table]) {
      const family = families.get((table === 'families' ? r.id : r.family_id) as string);
      if (!family) throw invalid(table);
      if (table === 'followup_visits' && !plans.has(r.plan_id as string)) throw invalid(table);
      checkPeople(table, r);
      family.rows[table].push(r);
      if (table === 'family_cases') {
        const group = groups.get(r.case_id as string);
        if (!group) throw invalid(table);
        if (r.deleted_at === null) {
          if (group.familyId !== null && group.familyId !== family.id) throw invalid(table);
          group.familyId = family.id;
        }
        family.caseIds.push(group.id);
      }
    }
  }
  return { groups, families };
}

export function rowVerdict(
  archive: ArchiveRow,
  local: ArchiveRow | undefined,
  columns: readonly string[],
): Verdict {
  if (!local) return 'archive';
  if (columns.every((c) => archive[c] === local[c])) return 'same';
  const av = archive.version as number;
  const lv = local.version as number;
  if (av !== lv) return av > lv ? 'archive' : 'local';
  const au = archive.updated_at as string;
  const lu = local.updated_at as string;
  if (au !== lu) return au > lu ? 'archive' : 'local';
  return 'conflict';
}

/** Folds verdicts: nothing differs → same; one side only → that side; else conflict. */
function fold(verdicts: Iterable<Verdict>): Verdict {
  let out: Verdict = 'same';
  for (const v of verdicts) {
    if (v === 'same') continue;
    if (out === 'same') out = v;
    else if (out !== v) return 'conflict';
  }
  return out;
}

const STATE_OF: Record<Verdict, ImportCaseState> = {
  same: 'same',
  archive: 'archive_newer',
  local: 'local_newer',
  conflict: 'diverged',
};

function maxUpdated(rows: Iterable<ArchiveRow>): string | null {
  let max: string | null = null;
  for (const r of rows) if (max === null || (r.updated_at as string) > max) max = r.updated_at as string;
  return max;
}

/** Compares the archive with the store (inside the caller's transaction when it applies). */
export async function classify(
  db: Db,
  content: ArchiveContent,
  grouped: ReturnType<typeof groupContent>,
): Promise<Classified> {
  const { groups, families } = grouped;
  const omitsDv = content.manifest.omitted.some((o) => o.count > 0);
  const verdicts = new Map<string, Verdict>();
  const rowDiffs = new Map<string, Set<ArchiveDifference>>();
  const caseVerdicts = new Map<string, Verdict[]>();
  const localUpdated = new Map<string, string | null>();

  // This desk's rows of the archived cases that exist here (all of them: the importer sees every case).
  const existing: string[] = [];
  for (const ids of chunks([...groups.keys()], 2_000)) {
    const found = await db.selectFrom('cases').select('id').where('id', 'in', ids).execute();
    existing.push(...found.map((r) => r.id));
  }
  for (const part of chunks(existing, CASE_CHUNK)) {
    const { rows: local } = await caseRows(
      db,
      part.map((id) => ({ id, dv: true })),
    );
    const localById = new Map<string, { table: CaseTable; row: ArchiveRow }>();
    for (const table of CASE_TABLES)
      for (const row of local[table]) localById.set(row.id as string, { table, row });
    const referralCase = new Map(local.referrals.map((r) => [r.id as string, r.case_id as string]));
    for (const id of part) {
      const group = groups.get(id)!;
      const seen = new Set<string>();
      const list: Verdict[] = [];
      const diffs = new Set<ArchiveDifference>();
      for (const table of CASE_TABLES) {
        for (const row of group.rows[table]) {
          seen.add(row.id as string);
          const v = rowVerdict(row, localById.get(row.id as string)?.row, COLUMNS[table]);
          verdicts.set(row.id as string, v);
          list.push(v);
          if (v !== 'same') diffs.add(DIFFERENCE_OF[table]);
        }
      }
      const localRows: ArchiveRow[] = [];
      for (const table of CASE_TABLES) {
        for (const row of local[table]) {
          if (caseIdOf(table, row, referralCase) !== id) continue;
          localRows.push(row);
          if (seen.has(row.id as string)) continue;
          // Left out by the exporter for want of DV rights: not a change of this desk.
          if (
            omitsDv &&
            (table === 'dv_disclosures' || (table === 'referrals' && row.dv_disclosure_id !== null))
          )
            continue;
          if (omitsDv && table === 'referral_events') continue;
          list.push('local');
          diffs.add(DIFFERENCE_OF[table]);
        }
      }
      caseVerdicts.set(id, list);
      rowDiffs.set(id, diffs);
      localUpdated.set(id, maxUpdated(localRows));
    }
  }

  // Family archives: every row of the archived ones that exist here.
  const familyStates = new Map<string, 'absent' | Verdict>();
  const familyDiffs = new Map<string, Set<ArchiveDifference>>();
  const familyIds = [...families.keys()];
  const presentFamilies = new Set<string>();
  for (const ids of chunks(familyIds, 2_000)) {
    for (const r of await db.selectFrom('families').select('id').where('id', 'in', ids).execute())
      presentFamilies.add(r.id);
  }
  for (const part of chunks([...presentFamilies], CASE_CHUNK)) {
    const local = await familyRows(db, part, ALL_CASES);
    const localById = new Map<string, ArchiveRow>();
    for (const table of FAMILY_TABLES) for (const row of local[table]) localById.set(row.id as string, row);
    for (const id of part) {
      const family = families.get(id)!;
      const seen = new Set<string>();
      const list: Verdict[] = [];
      const diffs = new Set<ArchiveDifference>();
      for (const table of FAMILY_TABLES) {
        for (const row of family.rows[table]) {
          seen.add(row.id as string);
          const v = rowVerdict(row, localById.get(row.id as string), COLUMNS[table]);
          verdicts.set(row.id as string, v);
          list.push(v);
          if (v !== 'same') diffs.add(DIFFERENCE_OF[table]);
        }
        for (const row of local[table]) {
          const owner = table === 'families' ? row.id : row.family_id;
          if (owner !== id || seen.has(row.id as string)) continue;
          // A link to a case outside the archive is not part of this comparison.
          if (table === 'family_cases' && !groups.has(row.case_id as string)) continue;
          list.push('local');
          diffs.add(DIFFERENCE_OF[table]);
        }
      }
      familyStates.set(id, fold(list));
      familyDiffs.set(id, diffs);
    }
  }
  for (const id of familyIds) if (!familyStates.has(id)) familyStates.set(id, 'absent');

  const cases: ImportCase[] = [];
  for (const group of groups.values()) {
    const caseRow = group.rows.cases[0]!;
    const archiveUpdatedAt = maxUpdated(Object.values(group.rows).flat()) ?? (caseRow.updated_at as string);
    const base = {
      caseId: group.id,
      caseNumber: caseRow.case_number as string,
      archiveUpdatedAt,
    };
    const list = caseVerdicts.get(group.id);
    if (!list) {
      cases.push({ ...base, state: 'new', differences: [], localUpdatedAt: null });
      continue;
    }
    const diffs = new Set(rowDiffs.get(group.id));
    const folded: Verdict[] = [...list];
    if (group.familyId) {
      const fs = familyStates.get(group.familyId)!;
      if (fs === 'absent') {
        folded.push('archive');
        diffs.add('family');
      } else {
        folded.push(fs);
        for (const d of familyDiffs.get(group.familyId) ?? []) diffs.add(d);
      }
    }
    cases.push({
      ...base,
      state: STATE_OF[fold(folded)],
      differences: ARCHIVE_DIFFERENCES.filter((d) => diffs.has(d)),
      localUpdatedAt: localUpdated.get(group.id) ?? null,
    });
  }
  return { cases, groups, families, familyStates, verdicts };
}

/** Every link counts when this desk's family rows are read for comparing. */
const ALL_CASES: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

function caseIdOf(table: CaseTable, row: ArchiveRow, referralCase: ReadonlyMap<string, string>): string {
  if (table === 'cases') return row.id as string;
  if (table === 'referral_events') return referralCase.get(row.referral_id as string) ?? '';
  return row.case_id as string;
}
