import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T01:30:00.000Z';
const synced = { created_at: NOW, updated_at: NOW, origin_device: 'desk-1' };

describe('migration 0002 casework', () => {
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

  it('v1 with a user → v2: tables, indexes, constraints and the signed-record lock', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 1));
    const userId = uuidv7();
    await db
      .insertInto('users')
      .values({
        id: userId,
        username: 'li.counsellor',
        display_name: '李辅导',
        role: 'counsellor',
        ...synced,
      })
      .execute();

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect(await currentVersion(db)).toBe(2);
    const objects = (
      await sql<{ type: string; name: string }>`SELECT type, name FROM sqlite_master`.execute(db)
    ).rows.map((o) => `${o.type}:${o.name}`);
    for (const t of ['cases', 'case_parties', 'counselling_records', 'record_addenda']) {
      expect(objects).toContain(`table:${t}`);
    }
    for (const i of [
      'cases_case_number',
      'cases_status_deadline',
      'cases_status_certificate_end',
      'cases_counsellor_received',
      'cases_companion_received',
      'cases_received',
      'cases_created',
      'cases_next_deadline',
    ]) {
      expect(objects).toContain(`index:${i}`);
    }
    expect(objects).toContain('trigger:counselling_records_signed_locked');

    const caseId = uuidv7();
    const caseRow = {
      id: caseId,
      case_number: '2026-LH-00001',
      type: 'divorce_adjustment' as const,
      received_date: '2026-03-02',
      filing_received_date: '2026-03-02',
      receipt_number: 'SL-1',
      registration_status: 'accepted_cooling' as const,
      withdrawal_deadline: '2026-04-01',
      certificate_window_start: '2026-04-02',
      certificate_window_end: '2026-05-06',
      next_deadline: '2026-04-01',
      counsellor_id: userId,
      created_by: userId,
      deleted_at: null,
      ...synced,
    };
    await db.insertInto('cases').values(caseRow).execute();
    const stored = await db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ children: '[]', reason_categories: '[]', dv_disclosed: 0, version: 1 });

    // the same number twice on one desk is refused; another desk may use it
    await expect(
      db
        .insertInto('cases')
        .values({ ...caseRow, id: uuidv7() })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await db
      .insertInto('cases')
      .values({ ...caseRow, id: uuidv7(), origin_device: 'desk-2' })
      .execute();
    // a filing comes with its status and timeline; a filing only on a divorce case
    await expect(
      db
        .insertInto('cases')
        .values({ ...caseRow, id: uuidv7(), case_number: '2026-LH-00002', registration_status: null })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('cases')
        .values({ ...caseRow, id: uuidv7(), case_number: '2026-HQ-00001', type: 'premarital' })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    // partial consent is refused; an unknown counsellor breaks the foreign key
    await expect(
      db
        .insertInto('cases')
        .values({ ...caseRow, id: uuidv7(), case_number: '2026-LH-00003', consent_by: 'both' })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('cases')
        .values({ ...caseRow, id: uuidv7(), case_number: '2026-LH-00004', counsellor_id: uuidv7() })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);

    const party = { case_id: caseId, party: 'party_a' as const, name: '张三', deleted_at: null, ...synced };
    await db
      .insertInto('case_parties')
      .values({ id: uuidv7(), ...party })
      .execute();
    await expect(
      db
        .insertInto('case_parties')
        .values({ id: uuidv7(), ...party })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);

    const recordId = uuidv7();
    const record = {
      id: recordId,
      case_id: caseId,
      status: 'draft' as const,
      attendees: '{"parties":[],"others":[]}',
      created_by: userId,
      deleted_at: null,
      ...synced,
    };
    await db.insertInto('counselling_records').values(record).execute();
    // signed needs its result, date and signer
    await expect(
      db.updateTable('counselling_records').set({ status: 'signed' }).where('id', '=', recordId).execute(),
    ).rejects.toThrow(/CHECK/);
    await db
      .updateTable('counselling_records')
      .set({
        status: 'signed',
        result: 'postpone',
        session_date: '2026-03-03',
        signed_by: userId,
        signed_at: NOW,
      })
      .where('id', '=', recordId)
      .execute();
    await expect(
      db
        .updateTable('counselling_records')
        .set({ interview_notes: '改写' })
        .where('id', '=', recordId)
        .execute(),
    ).rejects.toThrow(/signed/);
    await expect(
      db.updateTable('counselling_records').set({ status: 'draft' }).where('id', '=', recordId).execute(),
    ).rejects.toThrow(/signed/);
    // bookkeeping columns still move (an addendum bumps the version)
    await db
      .updateTable('counselling_records')
      .set({ version: 2, updated_at: NOW })
      .where('id', '=', recordId)
      .execute();

    await db
      .insertInto('record_addenda')
      .values({
        id: uuidv7(),
        record_id: recordId,
        case_id: caseId,
        date: '2026-03-04',
        author_id: userId,
        text: '补充',
        deleted_at: null,
        ...synced,
      })
      .execute();
    expect(await db.selectFrom('record_addenda').select('text').execute()).toEqual([{ text: '补充' }]);
  });
});
