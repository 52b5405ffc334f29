import { Kysely, SqliteDialect, sql, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB, Db } from '../../src/main/db/schema';
import type { NewCaseRow } from '../../src/main/cases/cases.table';
import { caseListViewer } from '../../src/main/cases/access';
import { partiesOfCasesQuery } from '../../src/main/cases/cases.repository';
import {
  casesInOrderQuery,
  listKeysAfter,
  listKeysAfterQuery,
} from '../../src/main/cases/list-index.repository';
import {
  currentCaseListIndex,
  warmCaseListIndex,
  type CaseListLoadOptions,
} from '../../src/main/cases/list-keys';
import { filteredCases, hasDeadlineWindow, type CaseListInput } from '../../src/main/cases/list.repository';
import { mulberry32 } from '../../src/main/demo/random';
import { addDays } from '../../src/shared/calendar/local-date';
import {
  CASE_SORTS,
  COUNSELLING_TYPES,
  REGISTRATION_STATUSES,
  RISK_FLAGS,
  type CaseSort,
} from '../../src/shared/cases/schemas';
import type { SessionUser } from '../../src/shared/users/schemas';
import { caseTimelineColumns } from '../support/case-rows';
import { tempDir } from '../support/tmp';

/*
 * The case list's pages and totals come from its keys in memory (src/main/cases/list-index.ts). This checks
 * them against the rule written as SQL — the visibility predicate, the filters of list.repository.ts and
 * each sort's ORDER BY, LIMIT/OFFSET and COUNT(*) — on a real encrypted store, for random filters, sorts and
 * pages, and again after random writes of every kind (through any module: the store's change log follows
 * `cases` itself), a rolled-back write, a write larger than the incremental limit, and a lost change log.
 */

const CASES = 2500;
const NOW = '2026-03-02T01:30:00.000Z';
const random = mulberry32(20261204);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const chance = (p: number) => random() < p;

let tmp: ReturnType<typeof tempDir>;
let db: Kysely<DB>;
let sqlite: ReturnType<typeof openEncryptedDatabase>;
/** The open store the index belongs to (the service keys it by the store object; one per connection). */
let owner: { sqlite: typeof sqlite };
const counsellors: SessionUser[] = [];
const director: SessionUser = {
  id: uuidv7(),
  username: 'director',
  displayName: '主任',
  role: 'director',
  mustChangePassword: false,
};
const volunteer: SessionUser = {
  id: uuidv7(),
  username: 'volunteer',
  displayName: '志愿者',
  role: 'volunteer',
  mustChangePassword: false,
};
let serial = 0;

/** A random case: every list column drawn, including ties on dates and timestamps. */
function randomCase(): NewCaseRow {
  serial++;
  const type = pick(COUNSELLING_TYPES);
  const filed = type === 'divorce_adjustment' && chance(0.8);
  const received = addDays('2019-01-01', Math.floor(random() * 2900));
  const status = filed ? pick(REGISTRATION_STATUSES) : null;
  const counsellor = pick(counsellors);
  return {
    id: uuidv7(),
    ...caseTimelineColumns(received, serial, status, type),
    risk_domestic_violence: chance(0.1) ? 1 : 0,
    dv_disclosed: chance(0.05) ? 1 : 0,
    risk_self_harm: chance(0.1) ? 1 : 0,
    risk_child: chance(0.15) ? 1 : 0,
    risk_elderly: chance(0.1) ? 1 : 0,
    counsellor_id: counsellor.id,
    companion_user_id: chance(0.15) ? pick(counsellors.filter((c) => c !== counsellor)).id : null,
    created_by: director.id,
    created_at: new Date(Date.parse(NOW) + Math.floor(random() * 2000) * 60_000).toISOString(),
    updated_at: NOW,
    origin_device: pick(['desk-1', 'desk-2']),
    deleted_at: null,
  };
}

/** The rule as SQL: each sort ends on a unique key, as the list's. */
function orderBySql(
  q: SelectQueryBuilder<DB, 'cases', object>,
  sort: CaseSort,
): SelectQueryBuilder<DB, 'cases', object> {
  switch (sort) {
    case 'received_desc':
      return q.orderBy('cases.received_date', 'desc').orderBy('cases.id', 'desc');
    case 'deadline_asc':
      return q
        .orderBy(sql`cases.next_deadline IS NULL`)
        .orderBy('cases.next_deadline', 'asc')
        .orderBy('cases.id', 'asc');
    case 'created_desc':
      return q.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc');
    case 'case_number':
      return q.orderBy('cases.case_number', 'asc').orderBy('cases.origin_device', 'asc');
  }
}

async function bySql(user: SessionUser, f: CaseListInput): Promise<{ ids: string[]; total: number }> {
  const base = filteredCases(db, user, f);
  const rows = await orderBySql(base.select('cases.id'), f.sort)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { ids: rows.map((r) => (r as { id: string }).id), total: Number(count.n) };
}

async function byIndex(
  user: SessionUser,
  f: CaseListInput,
  options?: CaseListLoadOptions,
): Promise<{ ids: string[]; total: number }> {
  return db.transaction().execute(async (trx) => {
    const index = await currentCaseListIndex(trx, owner, options);
    return index.page(caseListViewer(user), f, f.sort, (f.page - 1) * f.pageSize, f.pageSize);
  });
}

function randomFilter(): CaseListInput {
  const f: CaseListInput = { sort: pick(CASE_SORTS), page: 1, pageSize: pick([1, 7, 50, 200]) };
  if (chance(0.3)) f.type = pick(COUNSELLING_TYPES);
  if (chance(0.4)) f.registrationStatus = pick(REGISTRATION_STATUSES);
  if (chance(0.2)) f.counsellorId = pick(counsellors).id;
  if (chance(0.3)) f.receivedFrom = addDays('2019-01-01', Math.floor(random() * 2900));
  if (chance(0.3)) f.receivedTo = addDays('2020-06-01', Math.floor(random() * 2900));
  if (chance(0.25)) f.deadlineFrom = addDays('2019-02-01', Math.floor(random() * 2900));
  if (chance(0.25)) f.deadlineTo = addDays('2020-06-01', Math.floor(random() * 2900));
  if (chance(0.3)) f.risk = RISK_FLAGS.filter(() => chance(0.4));
  return f;
}

/** Every page the same for `n` random requests, as each kind of user (first, random and last pages). */
async function expectSameAsSql(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const user = pick([director, director, ...counsellors.slice(0, 3), volunteer]);
    const f = randomFilter();
    const first = await bySql(user, f);
    const pages = Math.max(1, Math.ceil(first.total / f.pageSize));
    for (const page of new Set([1, 1 + Math.floor(random() * pages), pages, pages + 1])) {
      const request = { ...f, page };
      const label = JSON.stringify({ role: user.role, ...request, deadlineWindow: hasDeadlineWindow(f) });
      expect(await byIndex(user, request), label).toEqual(await bySql(user, request));
    }
  }
}

async function insertCases(trx: Db, rows: NewCaseRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('cases')
      .values(rows.slice(i, i + 200))
      .execute();
}

async function randomWrites(trx: Db, count: number): Promise<void> {
  const ids = (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id);
  for (let i = 0; i < count; i++) {
    const id = pick(ids);
    const change = pick([
      'status',
      'counsellor',
      'companion',
      'received',
      'risk',
      'deadline',
      'created',
      'softDelete',
      'restore',
      'hardDelete',
      'insert',
      'notListed',
    ] as const);
    const update = trx.updateTable('cases').where('id', '=', id);
    switch (change) {
      case 'status':
        await update
          .set({ registration_status: pick(REGISTRATION_STATUSES) })
          .where('type', '=', 'divorce_adjustment')
          .where('filing_received_date', 'is not', null)
          .execute();
        break;
      case 'counsellor':
        await update.set({ counsellor_id: pick(counsellors).id }).execute();
        break;
      case 'companion':
        await update.set({ companion_user_id: chance(0.5) ? pick(counsellors).id : null }).execute();
        break;
      case 'received':
        await update.set({ received_date: addDays('2019-01-01', Math.floor(random() * 2900)) }).execute();
        break;
      case 'risk':
        await update.set({ risk_child: chance(0.5) ? 1 : 0, dv_disclosed: chance(0.3) ? 1 : 0 }).execute();
        break;
      case 'deadline':
        await update
          .set({ next_deadline: chance(0.3) ? null : addDays('2020-01-01', Math.floor(random() * 2000)) })
          .execute();
        break;
      case 'created':
        await update
          .set({ created_at: new Date(Date.parse(NOW) + Math.floor(random() * 2000) * 60_000).toISOString() })
          .execute();
        break;
      case 'softDelete':
        await update.set({ deleted_at: NOW }).execute();
        break;
      case 'restore':
        await update.set({ deleted_at: null }).execute();
        break;
      case 'hardDelete':
        await trx.deleteFrom('case_parties').where('case_id', '=', id).execute();
        await trx.deleteFrom('cases').where('id', '=', id).execute();
        ids.splice(ids.indexOf(id), 1);
        break;
      case 'insert': {
        const row = randomCase();
        await insertCases(trx, [row]);
        ids.push(row.id);
        break;
      }
      case 'notListed':
        // A column the list does not show: the log need not name the case (harmless if it does).
        await update.set({ reason_text: `改 ${i}` }).execute();
        break;
    }
  }
}

beforeAll(async () => {
  tmp = tempDir();
  sqlite = openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true });
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  owner = { sqlite };
  await migrateToLatest(db);
  const synced = { created_at: NOW, updated_at: NOW, origin_device: 'desk-1', deleted_at: null };
  for (const user of [director, volunteer]) {
    await db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        ...synced,
      })
      .execute();
  }
  for (let i = 0; i < 6; i++) {
    const user: SessionUser = {
      id: uuidv7(),
      username: `counsellor${i}`,
      displayName: `辅导员${i}`,
      role: 'counsellor',
      mustChangePassword: false,
    };
    counsellors.push(user);
    await db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: 'counsellor',
        ...synced,
      })
      .execute();
  }
  await db.transaction().execute((trx) => insertCases(trx, Array.from({ length: CASES }, randomCase)));
}, 60_000);

afterAll(async () => {
  await db.destroy();
  tmp.cleanup();
});

describe('the case list reads the store through its covering indexes (migration 0014)', () => {
  const plan = (compiled: CompiledQuery) => {
    return (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
  };

  it('the keys in chunks, a page of rows by id and their parties: index only', async () => {
    const ids = (await db.selectFrom('cases').select('id').limit(50).execute()).map((r) => r.id);
    expect(plan(listKeysAfterQuery(db, '', 5000).compile())).toMatch(
      /USING COVERING INDEX cases_list \(id>\?\)/,
    );
    expect(plan(casesInOrderQuery(ids).compile(db))).toMatch(/USING COVERING INDEX cases_list \(id=\?\)/);
    expect(plan(partiesOfCasesQuery(ids).compile(db))).toMatch(
      /USING COVERING INDEX case_parties_list \(case_id=\?/,
    );
    expect(plan(listKeysAfterQuery(db, '', 5000).compile())).not.toMatch(/TEMP B-TREE/);
  });

  it('the keys read as raw rows are the keys the query gives through kysely, chunk by chunk', async () => {
    const all = await listKeysAfterQuery(db, '', CASES).execute();
    expect(all.length).toBe(CASES);
    const middle = all[Math.floor(CASES / 2)]?.id ?? '';
    for (const [after, limit] of [
      ['', CASES],
      ['', 7],
      [middle, 50],
      [all.at(-1)?.id ?? '', 50],
    ] as const) {
      const expected = await listKeysAfterQuery(db, after, limit).execute();
      const outside = await listKeysAfter(db, owner, after, limit);
      expect(outside.keys).toEqual(expected);
      expect(outside.last).toBe(expected.at(-1)?.id ?? null);
      const inside = await db.transaction().execute((trx) => listKeysAfter(trx, owner, after, limit));
      expect(inside.keys).toEqual(expected);
    }
  });

  it('a read outside a transaction waits for one in progress, so it never sees a write not committed', async () => {
    const before = (await listKeysAfter(db, owner, '', CASES * 2)).keys.length;
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted = '';
    const rolledBack = db
      .transaction()
      .execute(async (trx) => {
        const row = randomCase();
        inserted = row.id;
        await insertCases(trx, [row]);
        await held;
        throw new Error('rolled back on purpose');
      })
      .catch((e: unknown) => e);
    while (!inserted) await new Promise((resolve) => setImmediate(resolve));
    let answered = false;
    const read = listKeysAfter(db, owner, '', CASES * 2).then((r) => {
      answered = true;
      return r;
    });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    release();
    expect(await rolledBack).toBeInstanceOf(Error);
    const keys = (await read).keys;
    expect(keys.length).toBe(before);
    expect(keys.some((k) => k.id === inserted)).toBe(false);
  });
});

describe('the case list in memory gives what the SQL rule gives', () => {
  it('for random filters, sorts and pages, every role (built on first use)', async () => {
    await expectSameAsSql(120);
  }, 60_000);

  it('after random writes of every kind, committed a few at a time', async () => {
    for (let round = 0; round < 8; round++) {
      await db.transaction().execute((trx) => randomWrites(trx, 25));
      await expectSameAsSql(12);
    }
  }, 60_000);

  it('a rolled-back write leaves the list as it was', async () => {
    const before = await byIndex(director, { sort: 'created_desc', page: 1, pageSize: 200 });
    await expect(
      db.transaction().execute(async (trx) => {
        await randomWrites(trx, 40);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await byIndex(director, { sort: 'created_desc', page: 1, pageSize: 200 })).toEqual(before);
    await expectSameAsSql(10);
  }, 60_000);

  it('a write beyond the incremental limit is read again in full', async () => {
    await db.transaction().execute((trx) => randomWrites(trx, 60));
    const f: CaseListInput = { sort: 'received_desc', page: 2, pageSize: 50 };
    expect(await byIndex(director, f, { rebuildAfter: 10, chunk: 300 })).toEqual(await bySql(director, f));
    await expectSameAsSql(10);
  }, 60_000);

  it('a connection that lost its change log (its creation rolled back) is read again in full', async () => {
    await sql`DROP TRIGGER temp.case_list_update`.execute(db);
    await db.transaction().execute((trx) => randomWrites(trx, 30));
    await expectSameAsSql(10);
  }, 60_000);

  it('a load in the background, in small chunks, while cases are written and lists read', async () => {
    for (const delay of [0, 1, 3, 8, 60]) {
      owner = { sqlite }; // the desk signed in again: a new store, a new load
      // Small steps: reads of 50 keys, sorts that pause every 300 comparisons.
      warmCaseListIndex(db, owner, { chunk: 50, sortWork: 300 });
      for (let i = 0; i < delay; i++) await new Promise((resolve) => setImmediate(resolve));
      const f: CaseListInput = { sort: 'received_desc', page: 3, pageSize: 50 };
      // A list call and a write race the load's steps for the one connection.
      const [listed] = await Promise.all([
        byIndex(director, f, { chunk: 50, sortWork: 300 }),
        db.transaction().execute((trx) => randomWrites(trx, 5)),
      ]);
      expect(listed.total).toBeGreaterThan(0);
      await expectSameAsSql(6);
    }
  }, 60_000);
});
