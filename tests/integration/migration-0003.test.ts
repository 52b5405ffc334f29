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
const SYNCED = { created_at: NOW, updated_at: NOW, origin_device: 'desk-1', deleted_at: null };

describe('migration 0003 protection', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;
  let userId: string;
  let caseId: string;

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

  /** A user and a case (raw SQL: the shape 0002 wrote, whatever today's table types say). */
  async function seedCase(): Promise<void> {
    userId = uuidv7();
    caseId = uuidv7();
    await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
      VALUES (${userId}, 'li.counsellor', '李辅导', 'counsellor', ${NOW}, ${NOW}, 'desk-1')`.execute(db);
    await sql`INSERT INTO cases (id, case_number, type, received_date, counsellor_id, created_by, created_at,
        updated_at, origin_device)
      VALUES (${caseId}, '2026-GX-00001', 'marital', '2026-03-02', ${userId}, ${userId}, ${NOW}, ${NOW},
        'desk-1')`.execute(db);
  }

  const disclosure = () => ({
    id: uuidv7(),
    case_id: caseId,
    disclosed_by: 'party_a' as const,
    disclosed_by_name: null,
    disclosed_at: '2026-03-02',
    recorded_by: userId,
    facts: '事实',
    injuries_evidence: null,
    risk_level: 'high' as const,
    victim_wishes: null,
    minors_involved: 1 as const,
    victim_lacks_capacity: 0 as const,
    help_info_given: 1 as const,
    warning_letter_number: null,
    warning_letter_issued_at: null,
    protection_order_number: null,
    protection_order_issued_at: null,
    protection_order_expires_at: null,
    mandatory_report_at: null,
    mandatory_report_to: null,
    mandatory_report_reference: null,
    mandatory_report_recorded_by: null,
    ...SYNCED,
  });

  const referral = (seq: number) => ({
    id: uuidv7(),
    case_id: caseId,
    dv_disclosure_id: null,
    reference_number: `ZJ-2026-${String(seq).padStart(5, '0')}`,
    ref_year: 2026,
    ref_seq: seq,
    target: 'police' as const,
    target_name: null,
    subject: 'both' as const,
    reason: '转介理由',
    consent_given: 1 as const,
    no_consent_reason: null,
    status: 'created' as const,
    expected_reply_date: '2026-03-09',
    created_by: userId,
    ...SYNCED,
  });

  const item = () => ({
    id: uuidv7(),
    case_id: caseId,
    kind: 'supervise' as const,
    to_user_id: userId,
    to_station: null,
    from_user_id: null,
    due_date: '2026-03-09',
    instructions: null,
    status: 'open' as const,
    created_by: userId,
    closed_by: null,
    closed_at: null,
    close_note: null,
    ...SYNCED,
  });

  it('v2 with a case → v3: tables and indexes; existing rows untouched', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 2));
    await seedCase();
    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 3))).toEqual({ from: 2, to: 3 });
    expect(await currentVersion(db)).toBeGreaterThanOrEqual(3);
    expect(
      await db.selectFrom('schema_migrations').select('name').where('version', '=', 3).execute(),
    ).toEqual([{ name: 'protection' }]);
    const objects = (
      await sql<{ type: string; name: string }>`SELECT type, name FROM sqlite_master`.execute(db)
    ).rows.map((o) => `${o.type}:${o.name}`);
    for (const t of ['dv_disclosures', 'referrals', 'referral_events', 'supervision_items']) {
      expect(objects).toContain(`table:${t}`);
    }
    for (const i of [
      'dv_disclosures_case',
      'referrals_reference',
      'referrals_case',
      'referrals_status_reply',
      'referrals_created',
      'referral_events_referral',
      'supervision_items_status_due',
      'supervision_items_to_user',
      'supervision_items_case',
      'counselling_records_session_date',
    ]) {
      expect(objects).toContain(`index:${i}`);
    }
    const strict = (
      await sql<{ name: string; strict: number }>`SELECT name, strict FROM pragma_table_list
        WHERE name IN ('dv_disclosures', 'referrals', 'referral_events', 'supervision_items')`.execute(db)
    ).rows;
    expect(strict.map((r) => r.strict)).toEqual([1, 1, 1, 1]);
    expect(await db.selectFrom('cases').select(['id', 'version']).execute()).toEqual([
      { id: caseId, version: 1 },
    ]);
  });

  it('constraints: DV fields together, referral consent reason and unique numbers, supervision kinds', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 3));
    await seedCase();

    // DV: 'other' needs a name; order and report fields come together; expiry not before issue.
    await db.insertInto('dv_disclosures').values(disclosure()).execute();
    const dvFails = [
      { disclosed_by: 'other' as const },
      { protection_order_number: 'B-1' },
      {
        protection_order_number: 'B-1',
        protection_order_issued_at: '2026-03-02',
        protection_order_expires_at: '2026-03-01',
      },
      { mandatory_report_at: '2026-03-02' },
      { risk_level: 'extreme' as 'high' },
      { minors_involved: 2 as 1 },
    ];
    for (const change of dvFails) {
      await expect(
        db
          .insertInto('dv_disclosures')
          .values({ ...disclosure(), ...change })
          .execute(),
      ).rejects.toThrow(/CHECK/);
    }
    // A disclosure names a real case (foreign keys are on).
    await expect(
      db
        .insertInto('dv_disclosures')
        .values({ ...disclosure(), case_id: uuidv7() })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);

    // Referrals: no consent → reason; numbers unique per desk and year, another desk may reuse them.
    await db.insertInto('referrals').values(referral(1)).execute();
    await expect(
      db
        .insertInto('referrals')
        .values({ ...referral(2), consent_given: 0 })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await db
      .insertInto('referrals')
      .values({ ...referral(2), consent_given: 0, no_consent_reason: '紧急情况' })
      .execute();
    await expect(db.insertInto('referrals').values(referral(1)).execute()).rejects.toThrow(/UNIQUE/);
    await db
      .insertInto('referrals')
      .values({ ...referral(1), origin_device: 'desk-2' })
      .execute();
    await expect(
      db
        .insertInto('referrals')
        .values({ ...referral(3), status: 'lost' as 'sent' })
        .execute(),
    ).rejects.toThrow(/CHECK/);

    // Supervision: assign needs a user, transfer exactly one target, supervise a deadline, closed ↔ closer.
    await db.insertInto('supervision_items').values(item()).execute();
    const itemFails = [
      { kind: 'assign' as const, to_user_id: null },
      { kind: 'transfer' as const, to_station: '某辅导站' },
      { kind: 'transfer' as const, to_user_id: null },
      { kind: 'supervise' as const, to_station: '某辅导站' },
      { due_date: null },
      { status: 'done' as const },
      { closed_at: NOW, closed_by: userId },
    ];
    for (const change of itemFails) {
      await expect(
        db
          .insertInto('supervision_items')
          .values({ ...item(), ...change })
          .execute(),
      ).rejects.toThrow(/CHECK/);
    }
    await db
      .insertInto('supervision_items')
      .values({ ...item(), kind: 'transfer', to_user_id: null, to_station: '某辅导站', due_date: null })
      .execute();
    expect(await db.selectFrom('supervision_items').select('kind').orderBy('id').execute()).toEqual([
      { kind: 'supervise' },
      { kind: 'transfer' },
    ]);
  });
});
