import { Kysely, SqliteDialect, sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import type { NewCaseRow } from '../../src/main/cases/cases.table';
import { filteredCases, type CaseListInput } from '../../src/main/cases/list.repository';
import { dueForSweep } from '../../src/main/cases/registration.repository';
import { deadlineCountQuery } from '../../src/main/dashboard/dashboard.repository';
import { addDays } from '../../src/shared/calendar/local-date';
import { REGISTRATION_STATUSES } from '../../src/shared/cases/schemas';
import type { SessionUser } from '../../src/shared/users/schemas';
import { caseTimelineColumns } from '../support/case-rows';
import { tempDir } from '../support/tmp';

/*
 * The case list's filters as SQL (an archive export of the filtered list counts and reads them), the
 * dashboard's deadline counts and the registration sweep must stay on indexes with many cases. A few
 * thousand rows and ANALYZE give the planner real statistics; the queries are built by the same functions
 * the services use. (The list's own pages come from memory: case-list-index.test.ts.)
 */

const CASES = 4000;
const COUNSELLORS = 12;
const NOW = '2026-03-02T01:30:00.000Z';

let tmp: ReturnType<typeof tempDir>;
let db: Kysely<DB>;
const counsellors: SessionUser[] = [];
const director: SessionUser = {
  id: uuidv7(),
  username: 'director',
  displayName: '主任',
  role: 'director',
  mustChangePassword: false,
};

/** kysely's sql`` cannot bind a compiled query's parameters; run EXPLAIN on the raw handle instead. */
function explain(sqlite: ReturnType<typeof openEncryptedDatabase>, query: Compilable): string[] {
  const compiled = query.compile();
  return (
    sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as {
      detail: string;
    }[]
  ).map((r) => r.detail);
}

function expectIndexed(details: string[]): void {
  const text = details.join('\n');
  expect(text, text).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
  // A bare "SCAN cases" reads the whole table.
  expect(
    details.some((d) => /^SCAN cases$/.test(d.trim())),
    text,
  ).toBe(false);
}

let sqlite: ReturnType<typeof openEncryptedDatabase>;

beforeAll(async () => {
  tmp = tempDir();
  sqlite = openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true });
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, MIGRATIONS.slice(0, 2));
  const synced = { created_at: NOW, updated_at: NOW, origin_device: 'desk-1', deleted_at: null };
  await db
    .insertInto('users')
    .values({ id: director.id, username: 'director', display_name: '主任', role: 'director', ...synced })
    .execute();
  for (let i = 0; i < COUNSELLORS; i++) {
    const id = uuidv7();
    counsellors.push({
      id,
      username: `c${i}`,
      displayName: `辅导员${i}`,
      role: 'counsellor',
      mustChangePassword: false,
    });
    await db
      .insertInto('users')
      .values({ id, username: `counsellor${i}`, display_name: `辅导员${i}`, role: 'counsellor', ...synced })
      .execute();
  }
  await db.transaction().execute(async (trx) => {
    const batch: NewCaseRow[] = [];
    for (let i = 0; i < CASES; i++) {
      const received = addDays('2024-01-01', i % 790);
      const filed = i % 5 !== 0;
      const status = filed ? REGISTRATION_STATUSES[i % REGISTRATION_STATUSES.length]! : null;
      batch.push({
        id: uuidv7(),
        ...caseTimelineColumns(received, i + 1, status),
        risk_domestic_violence: i % 17 === 0 ? 1 : 0,
        counsellor_id: counsellors[i % COUNSELLORS]!.id,
        companion_user_id: i % 9 === 0 ? counsellors[(i + 1) % COUNSELLORS]!.id : null,
        created_by: director.id,
        ...synced,
        created_at: new Date(Date.parse(NOW) + i * 60_000).toISOString(),
      });
      if (batch.length === 200) await trx.insertInto('cases').values(batch.splice(0)).execute();
    }
    if (batch.length) await trx.insertInto('cases').values(batch).execute();
  });
  await sql`ANALYZE`.execute(db);
});

afterAll(async () => {
  await db.destroy();
  tmp.cleanup();
});

const input = (f: Partial<CaseListInput>): CaseListInput => ({
  sort: 'received_desc',
  page: 1,
  pageSize: 50,
  ...f,
});

describe('case list query plans (EXPLAIN QUERY PLAN)', () => {
  const countOf = (user: SessionUser, f: CaseListInput) =>
    filteredCases(db, user, f).select((eb) => eb.fn.countAll<number>().as('n'));

  it('the filters read indexes, for the director and a counsellor', async () => {
    for (const [user, f] of [
      [director, input({})],
      [counsellors[3]!, input({})],
      [counsellors[0]!, input({ registrationStatus: 'accepted_cooling' })],
      [director, input({ registrationStatus: 'awaiting_certificate' })],
      [
        counsellors[2]!,
        input({ receivedFrom: '2025-01-01', receivedTo: '2025-03-31', risk: ['domesticViolence'] }),
      ],
    ] as const) {
      expectIndexed(explain(sqlite, countOf(user, f)));
      expectIndexed(explain(sqlite, filteredCases(db, user, f).select('cases.id')));
    }
    const n = Number(
      (
        await countOf(
          counsellors[0]!,
          input({ registrationStatus: 'accepted_cooling' }),
        ).executeTakeFirstOrThrow()
      ).n,
    );
    expect(n).toBeGreaterThan(0);
  });

  it("the deadline window (the 工作台's link) is one range of cases_next_deadline, counted alike", async () => {
    const [from, to] = ['2025-01-01', '2025-03-31'];
    for (const user of [director, counsellors[0]!, counsellors[2]!]) {
      const f = input({ deadlineFrom: from, deadlineTo: to, sort: 'deadline_asc' });
      const count = countOf(user, f);
      const text = explain(sqlite, count).join('\n');
      expectIndexed(explain(sqlite, count));
      expect(text, text).toMatch(
        /cases_next_deadline \(<expr>=\? AND next_deadline>\? AND next_deadline<\?\)/,
      );
      const rows = await filteredCases(db, user, f).selectAll('cases').execute();
      const n = Number((await count.executeTakeFirstOrThrow()).n);
      expect(n).toBeGreaterThan(0);
      expect(rows.length).toBe(n);
      expect(
        rows.every((r) => r.next_deadline !== null && r.next_deadline >= from && r.next_deadline <= to),
      ).toBe(true);
      // The dashboard counts the same cases over its two status + deadline indexes.
      let dashboard = 0;
      for (const kind of ['withdrawal_deadline', 'certificate_window_end'] as const) {
        dashboard += Number((await deadlineCountQuery(db, user, kind, from, to).executeTakeFirstOrThrow()).n);
      }
      expect(n).toBe(dashboard);
    }
  });

  it('the registration sweep reads two index ranges', async () => {
    const details = explain(sqlite, dueForSweep(db, '2025-06-30'));
    expectIndexed(details);
    expect(details.join('\n')).toMatch(/cases_status_deadline/);
    expect(details.join('\n')).toMatch(/cases_status_certificate_end/);
    expect((await dueForSweep(db, '2025-06-30').execute()).length).toBeGreaterThan(0);
  });
});
