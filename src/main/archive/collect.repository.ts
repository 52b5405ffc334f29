import { sql, type Expression, type SqlBool } from 'kysely';
import type { ArchiveSelection } from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import type { SessionUser } from '../../shared/users';
import { canSeeDvOf, caseVisibility, filteredCases } from '../cases';
import type { Db } from '../db';
import { familyVisibility, findVisibleFamilyOrThrow } from '../followups';
import {
  COLUMNS,
  USER_COLUMNS,
  VOLUNTEER_COLUMNS,
  type ArchiveRow,
  type ArchiveTable,
  type CaseTable,
  type FamilyTable,
  type SyncedTable,
} from './tables';

/*
 * The export's reads (docs/domain.md "Case archives"): which cases a selection means for this user, and
 * every row of those cases and of their family archives, a chunk of cases at a time (bounded memory; each
 * chunk read in one transaction by the caller, so a case's rows agree with each other).
 */

/** Cases per round: well inside SQLite's 32,766 variables, small enough to keep memory flat. */
export const CASE_CHUNK = 400;
const ID_CHUNK = 2_000;

export interface SelectedCase {
  id: string;
  /** The user may see this case's DV disclosures (and referrals linked to one). */
  dv: boolean;
}

/** The visible, living cases a selection names, oldest first. A named case one may not see: CASE_NOT_FOUND. */
export async function resolveSelection(
  db: Db,
  user: SessionUser,
  selection: ArchiveSelection,
): Promise<SelectedCase[]> {
  let rows: { id: string; counsellor_id: string }[];
  switch (selection.kind) {
    case 'cases': {
      const wanted = [...new Set(selection.caseIds)];
      rows = [];
      for (const ids of chunks(wanted, ID_CHUNK)) {
        rows.push(
          ...(await db
            .selectFrom('cases')
            .select(['id', 'counsellor_id'])
            .where('id', 'in', ids)
            .where('deleted_at', 'is', null)
            .where(caseVisibility(user))
            .execute()),
        );
      }
      if (rows.length !== wanted.length) throw new DomainError('CASE_NOT_FOUND');
      break;
    }
    case 'filter':
      rows = await filteredCases(db, user, {
        ...selection.filter,
        sort: 'received_desc',
        page: 1,
        pageSize: 1,
      })
        .select(['cases.id', 'cases.counsellor_id'])
        .execute();
      break;
    case 'family':
      await findVisibleFamilyOrThrow(db, user, selection.familyId);
      rows = await db
        .selectFrom('family_cases')
        .innerJoin('cases', 'cases.id', 'family_cases.case_id')
        .select(['cases.id', 'cases.counsellor_id'])
        .where('family_cases.family_id', '=', selection.familyId)
        .where('family_cases.deleted_at', 'is', null)
        .where('cases.deleted_at', 'is', null)
        .where(caseVisibility(user))
        .execute();
      break;
  }
  // UUIDv7 ids sort by creation: the file lists cases oldest first whatever the selection.
  return rows
    .map((r) => ({ id: r.id, dv: canSeeDvOf(user, r) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export type CaseRows = Record<CaseTable, ArchiveRow[]>;
export type FamilyRows = Record<FamilyTable, ArchiveRow[]>;

/** What a chunk left out because the user may not see it (counted for the preview and the manifest). */
export interface Omitted {
  dvDisclosures: number;
  dvReferrals: number;
}

/** Every row of the given cases (soft-deleted children included); DV only where `dv`. */
export async function caseRows(
  db: Db,
  cases: readonly SelectedCase[],
): Promise<{ rows: CaseRows; omitted: Omitted }> {
  const ids = cases.map((c) => c.id);
  const dvIds = cases.filter((c) => c.dv).map((c) => c.id);
  const noDvIds = cases.filter((c) => !c.dv).map((c) => c.id);
  const byIds = (
    table: ArchiveTable,
    column: string,
    values: readonly string[],
    extra?: Expression<SqlBool>,
  ) => selectRows(db, table, column, values, extra);

  const records = await byIds('counselling_records', 'case_id', ids);
  const referrals = await byIds(
    'referrals',
    'case_id',
    ids,
    // A referral linked to a DV disclosure goes only with the DV rights (the referrals module's rule).
    noDvIds.length === 0
      ? undefined
      : sql<SqlBool>`(dv_disclosure_id IS NULL OR case_id NOT IN (${sql.join(noDvIds)}))`,
  );
  const rows: CaseRows = {
    cases: await byIds('cases', 'id', ids),
    case_parties: await byIds('case_parties', 'case_id', ids),
    counselling_records: records,
    record_addenda: await byIds(
      'record_addenda',
      'record_id',
      records.map((r) => r.id as string),
    ),
    dv_disclosures: await byIds('dv_disclosures', 'case_id', dvIds),
    referrals,
    referral_events: await byIds(
      'referral_events',
      'referral_id',
      referrals.map((r) => r.id as string),
    ),
    supervision_items: await byIds('supervision_items', 'case_id', ids),
  };
  const omitted: Omitted = { dvDisclosures: 0, dvReferrals: 0 };
  if (noDvIds.length > 0) {
    omitted.dvDisclosures = await countWhere(db, 'dv_disclosures', sql`case_id IN (${sql.join(noDvIds)})`);
    omitted.dvReferrals = await countWhere(
      db,
      'referrals',
      sql`case_id IN (${sql.join(noDvIds)}) AND dv_disclosure_id IS NOT NULL`,
    );
  }
  return { rows, omitted };
}

/** The living family archives (that the user may see) linking any of the cases. */
export async function familiesOfCases(
  db: Db,
  user: SessionUser,
  caseIds: readonly string[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const ids of chunks(caseIds, ID_CHUNK)) {
    const rows = await db
      .selectFrom('family_cases')
      .innerJoin('families', 'families.id', 'family_cases.family_id')
      .select('families.id')
      .where('family_cases.case_id', 'in', ids)
      .where('family_cases.deleted_at', 'is', null)
      .where('families.deleted_at', 'is', null)
      .where(familyVisibility(user))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return [...found].sort();
}

/**
 * Every row of the given family archives. Links to cases outside the export are left out (the other desk
 * could not satisfy them); a plan may still name such a case (the import clears it when it cannot).
 */
export async function familyRows(
  db: Db,
  familyIds: readonly string[],
  exportedCases: ReadonlySet<string>,
): Promise<FamilyRows> {
  const links = await selectRows(db, 'family_cases', 'family_id', familyIds);
  return {
    families: await selectRows(db, 'families', 'id', familyIds),
    family_cases: links.filter((l) => exportedCases.has(l.case_id as string)),
    family_members: await selectRows(db, 'family_members', 'family_id', familyIds),
    family_help_links: await selectRows(db, 'family_help_links', 'family_id', familyIds),
    followup_plans: await selectRows(db, 'followup_plans', 'family_id', familyIds),
    followup_visits: await selectRows(db, 'followup_visits', 'family_id', familyIds),
  };
}

/** The accounts and volunteers the rows name (ids), to carry their minimal rows. */
export function addPeopleOf(
  table: SyncedTable,
  rows: readonly ArchiveRow[],
  users: Set<string>,
  volunteers: Set<string>,
): void {
  const userColumns = USER_COLUMNS[table] ?? [];
  const volunteerColumns = VOLUNTEER_COLUMNS[table] ?? [];
  for (const row of rows) {
    for (const c of userColumns) if (typeof row[c] === 'string') users.add(row[c]);
    for (const c of volunteerColumns) if (typeof row[c] === 'string') volunteers.add(row[c]);
    if (table === 'counselling_records') for (const id of counsellorIdsOf(row)) users.add(id);
  }
}

/** A record's co-counsellors (a JSON array of user ids). */
export function counsellorIdsOf(row: ArchiveRow): string[] {
  try {
    const ids: unknown = JSON.parse(String(row.counsellor_ids));
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** The minimal account rows (id, display name, role) — never a username, password data or sign-in times. */
export async function userRows(db: Db, ids: readonly string[]): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
  for (const part of chunks([...ids].sort(), ID_CHUNK)) {
    rows.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'display_name', 'role'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** The minimal volunteer rows (id, name). */
export async function volunteerRows(db: Db, ids: readonly string[]): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
  for (const part of chunks([...ids].sort(), ID_CHUNK)) {
    rows.push(
      ...(await db.selectFrom('volunteers').select(['id', 'name']).where('id', 'in', part).execute()),
    );
  }
  return rows;
}

/** Rows of `table` whose `column` is one of `values`, every archived column, in id order. */
export async function selectRows(
  db: Db,
  table: ArchiveTable,
  column: string,
  values: readonly string[],
  extra?: Expression<SqlBool>,
): Promise<ArchiveRow[]> {
  const out: ArchiveRow[] = [];
  const columns = sql.join(COLUMNS[table].map((c) => sql.ref(c)));
  for (const part of chunks(values, ID_CHUNK)) {
    const where = sql`${sql.ref(column)} IN (${sql.join(part)})${extra ? sql` AND ${extra}` : sql``}`;
    const { rows } = await sql<ArchiveRow>`SELECT ${columns} FROM ${sql.table(table)} WHERE ${where}
      ORDER BY id`.execute(db);
    out.push(...rows);
  }
  return out;
}

async function countWhere(db: Db, table: ArchiveTable, where: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
