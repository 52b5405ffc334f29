import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T01:30:00.000Z';
const LATER = '2026-03-02T02:00:00.000Z';
const SYNCED = {
  created_at: NOW,
  updated_at: NOW,
  origin_device: 'desk-1',
  version: 1,
  deleted_at: null,
  deleted_reason: null,
};

/** The tables of 0008, parents before children. */
const TABLES = [
  'volunteers',
  'volunteer_certificates',
  'volunteer_trainings',
  'volunteer_evaluations',
  'families',
  'family_cases',
  'family_members',
  'family_help_links',
  'followup_plans',
  'followup_visits',
  'outreach_events',
  'outreach_event_speakers',
] as const;
type Table = (typeof TABLES)[number];

const INDEXES = [
  'volunteers_name',
  'volunteers_user',
  'volunteer_certificates_volunteer',
  'volunteer_trainings_volunteer',
  'volunteer_evaluations_volunteer',
  'families_archive_number',
  'families_status_updated',
  'families_counsellor',
  'family_cases_case',
  'family_cases_family',
  'family_members_family',
  'family_help_links_family',
  'followup_plans_family',
  'followup_plans_volunteer',
  'followup_visits_one_open',
  'followup_visits_plan',
  'followup_visits_status_due',
  'followup_visits_volunteer',
  'followup_visits_done',
  'followup_visits_family',
  'followup_visits_counsellor',
  'followup_visits_counsellor_done',
  'followup_visits_volunteer_done',
  'followup_visits_concern',
  'outreach_events_date',
  'outreach_events_type_date',
  'outreach_event_speakers_event',
  'outreach_event_speakers_volunteer',
];

type Row = Record<string, unknown>;

/** Ids of one row per table (and the v7 user and case they hang from). */
interface Ids extends Record<Table, string> {
  user: string;
  case: string;
}

/**
 * One valid row per table, every column named (raw shapes: what 0008 created, whatever today's table
 * types say). A done visit's fields and a closed archive's are filled where a test needs them.
 */
function fixture(ids: Ids): Record<Table, Row> {
  const user = ids.user;
  return {
    volunteers: {
      id: ids.volunteers,
      name: '王志愿',
      sex: 'female',
      phone: '13900000001',
      profession: 'lawyer',
      profession_other: null,
      qualified: 1,
      pledge_signed_date: '2026-03-01',
      active: 1,
      inactive_reason: null,
      user_id: user,
      notes: null,
      created_by: user,
      ...SYNCED,
    },
    volunteer_certificates: {
      id: ids.volunteer_certificates,
      volunteer_id: ids.volunteers,
      name: '律师执业证',
      number: 'LS-0001',
      expires_on: '2027-03-01',
      ...SYNCED,
    },
    volunteer_trainings: {
      id: ids.volunteer_trainings,
      volunteer_id: ids.volunteers,
      date: '2026-03-01',
      topic: '保密与伦理',
      hours: 2.5,
      ...SYNCED,
    },
    volunteer_evaluations: {
      id: ids.volunteer_evaluations,
      volunteer_id: ids.volunteers,
      date: '2026-03-01',
      score: 90,
      evaluator: '李主任',
      notes: '认真负责',
      ...SYNCED,
    },
    families: {
      id: ids.families,
      archive_number: 'JT-2026-00001',
      archive_year: 2026,
      archive_seq: 1,
      name: '张家',
      focus: 'marriage',
      result: 'reconcile',
      needs: null,
      safety_notes: null,
      counsellor_id: user,
      status: 'open',
      closed_reason: null,
      closed_at: null,
      created_by: user,
      ...SYNCED,
    },
    family_cases: {
      id: ids.family_cases,
      family_id: ids.families,
      case_id: ids.case,
      linked_by: user,
      ...SYNCED,
    },
    family_members: {
      id: ids.family_members,
      family_id: ids.families,
      kind: 'child',
      relation: '儿子',
      name: '张小明',
      birth_year: 2018,
      situation: null,
      ...SYNCED,
    },
    family_help_links: {
      id: ids.family_help_links,
      family_id: ids.families,
      kind: 'contact',
      helper_name: '城关镇妇联',
      contact: '0531-1234567',
      status: 'linked',
      start_date: '2026-03-02',
      end_date: null,
      notes: null,
      ...SYNCED,
    },
    followup_plans: {
      id: ids.followup_plans,
      family_id: ids.families,
      case_id: ids.case,
      result: 'reconcile',
      focus: 'marriage',
      start_date: '2026-03-02',
      months: '[1,3,6,12]',
      volunteer_id: ids.volunteers,
      status: 'active',
      status_reason: null,
      close_cause: null,
      created_by: user,
      ...SYNCED,
    },
    followup_visits: {
      id: ids.followup_visits,
      plan_id: ids.followup_plans,
      family_id: ids.families,
      counsellor_id: user,
      seq: 1,
      due_date: '2026-04-02',
      status: 'scheduled',
      volunteer_id: ids.volunteers,
      visit_date: null,
      channel: null,
      duration_minutes: null,
      met_whom: null,
      marriage_status: null,
      children_wellbeing: null,
      elderly: null,
      problems: null,
      help_given: null,
      next_step: null,
      safety_concern: 0,
      safety_note: null,
      safety_acknowledged_at: null,
      safety_acknowledged_by: null,
      recorded_by: null,
      recorded_at: null,
      ...SYNCED,
    },
    outreach_events: {
      id: ids.outreach_events,
      type: 'happiness_class',
      type_other: null,
      date: '2026-03-10',
      place: '城关镇文化站',
      topic: '幸福课堂：沟通从倾听开始',
      duration_hours: 1.5,
      attendee_count: 40,
      notes: null,
      created_by: user,
      ...SYNCED,
    },
    outreach_event_speakers: {
      id: ids.outreach_event_speakers,
      event_id: ids.outreach_events,
      position: 1,
      volunteer_id: ids.volunteers,
      name: '王志愿',
      ...SYNCED,
    },
  };
}

/** The fields a done visit must have, all together. */
const DONE = {
  status: 'done',
  visit_date: '2026-04-01',
  channel: 'voice',
  duration_minutes: 30,
  met_whom: '双方',
  recorded_at: LATER,
} as const;

describe('migration 0008 (aftercare)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;

  beforeEach(() => {
    tmp = tempDir();
    db = new Kysely<DB>({
      dialect: new SqliteDialect({
        database: openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true }),
      }),
    });
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });

  const all = async (query: ReturnType<typeof sql>) => (await sql<Row>`${query}`.execute(db)).rows;
  const columnsOf = async (table: string) =>
    (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map(
      (c) => c.name,
    );
  const outbox = () => db.selectFrom('outbox').selectAll().orderBy('seq').execute();
  const rowOf = async (table: string, id: string) =>
    (await all(sql`SELECT * FROM ${sql.table(table)} WHERE id = ${id}`))[0];

  async function insert(table: string, row: Row): Promise<void> {
    const columns = Object.keys(row);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES (${sql.join(columns.map((c) => row[c]))})`.execute(db);
  }

  async function update(table: string, id: string, set: Row): Promise<void> {
    const assignments = Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
    await sql`UPDATE ${sql.table(table)} SET ${sql.join(assignments)} WHERE id = ${id}`.execute(db);
  }

  /** A user and a case (raw SQL: the shape 0002 wrote). */
  async function seedV7(): Promise<{ user: string; case: string }> {
    const user = uuidv7();
    const kase = uuidv7();
    await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
      VALUES (${user}, 'li.counsellor', '李辅导', 'counsellor', ${NOW}, ${NOW}, 'desk-1')`.execute(db);
    await sql`INSERT INTO cases (id, case_number, type, received_date, counsellor_id, created_by, created_at,
        updated_at, origin_device)
      VALUES (${kase}, '2026-GX-00001', 'marital', '2026-03-02', ${user}, ${user}, ${NOW}, ${NOW},
        'desk-1')`.execute(db);
    return { user, case: kase };
  }

  /** Migrated to v8 over a v7 user and case, ids for one row per table (not yet written). */
  async function atV8(): Promise<{ ids: Ids; rows: Record<Table, Row> }> {
    await migrateToLatest(db, MIGRATIONS.slice(0, 8));
    const seeded = await seedV7();
    const ids = { ...seeded } as Ids;
    for (const table of TABLES) ids[table] = uuidv7();
    return { ids, rows: fixture(ids) };
  }

  async function insertAll(rows: Record<Table, Row>): Promise<void> {
    for (const table of TABLES) await insert(table, rows[table]);
  }

  it('v7 with data → v8: twelve STRICT tables with their indexes; existing rows and outbox untouched', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 7));
    await seedV7();
    const users = await all(sql`SELECT * FROM users`);
    const cases = await all(sql`SELECT * FROM cases`);
    const captured = await outbox();
    expect(captured.map((e) => e.table_name)).toEqual(['users', 'cases']);

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 8))).toEqual({ from: 7, to: 8 });
    expect(await currentVersion(db)).toBe(8);
    expect(
      await db.selectFrom('schema_migrations').select('name').where('version', '=', 8).execute(),
    ).toEqual([{ name: 'aftercare' }]);

    for (const table of TABLES) {
      const [ddl] = await all(sql`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`);
      expect(String(ddl?.sql), table).toMatch(/\)\s*STRICT$/);
      expect(await all(sql`SELECT * FROM ${sql.table(table)}`), table).toEqual([]);
      // the synced columns, with the removal's reason beside deleted_at
      expect(await columnsOf(table), table).toEqual(expect.arrayContaining(['id', ...Object.keys(SYNCED)]));
    }
    const indexes = await all(sql`SELECT name FROM sqlite_master WHERE type = 'index'
      AND tbl_name IN (${sql.join([...TABLES])}) AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`);
    expect(indexes.map((i) => i.name)).toEqual([...INDEXES].sort());
    // unique and partial where the rules need them
    const flags = new Map<string, string>();
    for (const table of TABLES) {
      const list = await all(sql`SELECT name, "unique", partial FROM pragma_index_list(${table})`);
      for (const i of list) flags.set(String(i.name), `${String(i.unique)}${String(i.partial)}`);
    }
    expect(flags.get('volunteers_user')).toBe('11');
    expect(flags.get('families_archive_number')).toBe('10');
    expect(flags.get('family_cases_case')).toBe('11');
    expect(flags.get('followup_visits_one_open')).toBe('11');
    expect(flags.get('followup_visits_concern')).toBe('01');
    // The queue's indexes carry deleted_at in their keys (counts read from the index alone): not partial.
    for (const queue of ['status_due', 'volunteer', 'done', 'counsellor', 'family', 'plan']) {
      expect(flags.get(`followup_visits_${queue}`), queue).toBe('00');
    }

    // existing rows and their captured changes are as they were: new tables start empty, nothing re-captured
    expect(await all(sql`SELECT * FROM users`)).toEqual(users);
    expect(await all(sql`SELECT * FROM cases`)).toEqual(cases);
    expect(await outbox()).toEqual(captured);
  });

  it('refuses a removal without its reason (and a reason without removal) on every table', async () => {
    const { ids, rows } = await atV8();
    await insertAll(rows);
    for (const table of TABLES) {
      const id = ids[table];
      await expect(update(table, id, { deleted_at: LATER }), table).rejects.toThrow(/CHECK/);
      await expect(update(table, id, { deleted_reason: '录入错误' }), table).rejects.toThrow(/CHECK/);
    }
    for (const table of [...TABLES].reverse()) {
      await update(table, ids[table], { deleted_at: LATER, deleted_reason: '录入错误' });
      expect(await rowOf(table, ids[table]), table).toMatchObject({
        deleted_at: LATER,
        deleted_reason: '录入错误',
      });
    }
  });

  it('a plan never has two open visits; a case is in one family; a done visit has its record', async () => {
    const { ids, rows } = await atV8();
    await insertAll(rows);
    const visit = rows.followup_visits;
    const next = (over: Row) => ({ ...visit, id: uuidv7(), seq: 2, due_date: '2026-06-02', ...over });

    // followup_visits_one_open: a second scheduled visit of the plan is refused, one on hold too …
    await expect(insert('followup_visits', next({}))).rejects.toThrow(/UNIQUE.*followup_visits\.plan_id/);
    await expect(insert('followup_visits', next({ status: 'on_hold' }))).rejects.toThrow(/UNIQUE/);
    // … a cancelled or soft-deleted one is not open
    await insert('followup_visits', next({ status: 'cancelled' }));
    await insert('followup_visits', next({ deleted_at: LATER, deleted_reason: '重复' }));

    // a done visit needs every field of its record, together
    const record = { ...DONE, recorded_by: ids.user };
    for (const missing of Object.keys(record).filter((k) => k !== 'status')) {
      await expect(
        update('followup_visits', ids.followup_visits, { ...record, [missing]: null }),
        missing,
      ).rejects.toThrow(/CHECK/);
    }
    await expect(
      update('followup_visits', ids.followup_visits, { visit_date: '2026-04-01' }),
    ).rejects.toThrow(/CHECK/);
    await update('followup_visits', ids.followup_visits, record);
    // once it is done, the plan's next visit may open
    await insert('followup_visits', next({ id: uuidv7(), seq: 3 }));
    await expect(insert('followup_visits', next({ seq: 4 }))).rejects.toThrow(/UNIQUE/);
    // a safety concern has its note; an acknowledgement names who, when
    await expect(update('followup_visits', ids.followup_visits, { safety_concern: 1 })).rejects.toThrow(
      /CHECK/,
    );
    await expect(
      update('followup_visits', ids.followup_visits, { safety_acknowledged_at: LATER }),
    ).rejects.toThrow(/CHECK/);

    // family_cases_case: the case is in the family already, another family cannot link it …
    const other = { ...rows.families, id: uuidv7(), archive_seq: 2, archive_number: 'JT-2026-00002' };
    await insert('families', other);
    const link = { ...rows.family_cases, id: uuidv7(), family_id: other.id };
    await expect(insert('family_cases', link)).rejects.toThrow(/UNIQUE.*family_cases\.case_id/);
    // … until the first link is removed
    await update('family_cases', ids.family_cases, { deleted_at: LATER, deleted_reason: '归错家庭' });
    await insert('family_cases', link);
    // archive numbers are unique per desk and year
    await expect(insert('families', { ...other, id: uuidv7() })).rejects.toThrow(/UNIQUE/);
    await insert('families', { ...other, id: uuidv7(), origin_device: 'desk-2' });
  });

  it('the CHECK constraints of the other tables hold', async () => {
    const { ids, rows } = await atV8();
    await insertAll(rows);
    const refused: [Table, Row][] = [
      ['volunteers', { profession: 'other' }],
      ['volunteers', { profession: 'farmer', profession_other: '农民' }],
      ['volunteers', { active: 0 }],
      ['volunteers', { qualified: 2 }],
      ['volunteer_trainings', { hours: 0 }],
      ['volunteer_evaluations', { score: 101 }],
      ['families', { status: 'closed' }],
      ['families', { closed_at: LATER, closed_reason: '结档' }],
      ['families', { archive_year: 1999 }],
      ['family_members', { kind: 'cousin' }],
      ['family_members', { birth_year: 1800 }],
      ['family_help_links', { end_date: '2026-03-01' }],
      ['followup_plans', { status: 'closed' }],
      ['followup_plans', { close_cause: 'completed' }],
      ['followup_plans', { months: '{"a":1}' }],
      ['followup_visits', { channel: 'letter' }],
      ['outreach_events', { type: 'other' }],
      ['outreach_events', { attendee_count: -1 }],
      ['outreach_event_speakers', { position: 0 }],
    ];
    for (const [table, set] of refused) {
      await expect(update(table, ids[table], set), `${table} ${JSON.stringify(set)}`).rejects.toThrow(
        /CHECK/,
      );
    }
    // … and their allowed counterparts
    await update('volunteers', ids.volunteers, { profession: 'other', profession_other: '退休教师' });
    await update('volunteers', ids.volunteers, { active: 0, inactive_reason: '外出务工' });
    await update('families', ids.families, { status: 'closed', closed_at: LATER, closed_reason: '结档' });
    await update('followup_plans', ids.followup_plans, { status: 'closed', close_cause: 'by_user' });
    await update('outreach_events', ids.outreach_events, { type: 'other', type_other: '社区讲座' });
    // STRICT: a value of the wrong type is refused, not coerced
    await expect(update('families', ids.families, { archive_seq: 'one' })).rejects.toThrow(/INTEGER/);
    // foreign keys: a visit of a plan that does not exist
    await expect(
      insert('followup_visits', { ...rows.followup_visits, id: uuidv7(), plan_id: uuidv7() }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('captures insert, update, soft and hard delete of every table with every column; no-op updates write nothing', async () => {
    const { ids, rows } = await atV8();
    const start = (await outbox()).length;
    const expected: [Table, string, number][] = [];

    for (const table of TABLES) {
      await insert(table, rows[table]);
      const id = ids[table];
      const entries = (await outbox()).slice(start + expected.length);
      expect(
        entries.map((e) => [e.table_name, e.row_id, e.op, e.row_version]),
        table,
      ).toEqual([[table, id, 'insert', 1]]);
      const payload = JSON.parse(entries[0]?.payload ?? '') as Row;
      // every column, named as itself, valued as stored
      expect(Object.keys(payload).sort(), table).toEqual((await columnsOf(table)).sort());
      expect(payload, table).toEqual(await rowOf(table, id));
      expected.push([table, 'insert', 1]);
    }
    for (const table of TABLES) {
      const id = ids[table];
      // nothing changes: nothing captured
      await sql`UPDATE ${sql.table(table)} SET updated_at = updated_at, version = version
        WHERE id = ${id}`.execute(db);
      await update(table, id, { updated_at: LATER, version: 2 });
      await update(table, id, { deleted_at: LATER, deleted_reason: '录入错误', version: 3 });
      expected.push([table, 'update', 2], [table, 'update', 3]);
    }
    const beforeDelete = new Map<string, Row | undefined>();
    for (const table of TABLES) beforeDelete.set(table, await rowOf(table, ids[table]));
    for (const table of [...TABLES].reverse()) {
      await sql`DELETE FROM ${sql.table(table)} WHERE id = ${ids[table]}`.execute(db);
      expected.push([table, 'delete', 3]);
    }

    const entries = (await outbox()).slice(start);
    expect(entries.map((e) => [e.table_name, e.op, e.row_version])).toEqual(expected);
    for (const e of entries.filter((x) => x.op === 'update' && x.row_version === 3)) {
      expect(JSON.parse(e.payload), e.table_name).toEqual(beforeDelete.get(e.table_name));
    }
    // a delete carries the row as it was, the removal's reason included
    for (const e of entries.filter((x) => x.op === 'delete')) {
      expect(JSON.parse(e.payload), e.table_name).toEqual(beforeDelete.get(e.table_name));
    }
  });

  it('the capture triggers and SYNCED_TABLES match both ways, parents before children', async () => {
    await migrateToLatest(db);
    const triggers = (
      await all(sql`SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'outbox\\_%'
        ESCAPE '\\' AND name NOT IN ('outbox_immutable', 'outbox_pending_kept')`)
    ).map((t) => [String(t.tbl_name), String(t.name)] as const);
    const byTable = new Map<string, string[]>();
    for (const [table, name] of triggers) byTable.set(table, [...(byTable.get(table) ?? []), name]);
    expect([...byTable.keys()].sort()).toEqual([...SYNCED_TABLES].sort());
    for (const [table, names] of byTable) {
      expect(names.sort(), table).toEqual([
        `outbox_${table}_delete`,
        `outbox_${table}_insert`,
        `outbox_${table}_update`,
      ]);
    }
    expect(SYNCED_TABLES.slice(-TABLES.length)).toEqual(TABLES);
    // every foreign key of a synced table names a table listed before it (or itself)
    for (const [at, table] of SYNCED_TABLES.entries()) {
      const parents = await all(
        sql`SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(${table})`,
      );
      for (const { parent } of parents) {
        const p = SYNCED_TABLES.indexOf(parent as (typeof SYNCED_TABLES)[number]);
        expect(p >= 0 && p <= at, `${table} → ${String(parent)}`).toBe(true);
      }
    }
  });
});
