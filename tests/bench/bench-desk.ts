/*
 * The desk the archive and backup benchmarks measure: a real app (createApp, dispatch) set up with an
 * admin and a director, and cases seeded fast into its store with prepared statements in large
 * transactions while the app is closed (the capture triggers record each row like any write).
 *
 * seedCases keeps the uniform shape those benchmarks were measured on (every filing still in its
 * cooling-off period, draft records of ≈190 characters); a benchmark that wants a realistic desk — every
 * status, signed records, DV disclosures, referrals, family archives and visits, volunteers and events
 * spread over years — takes BenchDesk.generate, the demo desk generator (src/main/demo) that
 * `npm start -- --demo` uses too.
 */
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, systemClock } from '../../src/main/app/node-platform';
import type { AppOptions, DeskApp } from '../../src/main/app';
import { DEMO_PASSWORDS, generateDemoDesk, type DemoDesk, type DemoOptions } from '../../src/main/demo';
import { openStore } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { rebuildSearchIndex } from '../../src/main/search/search-index';
import { localDateAt } from '../../src/shared/calendar';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract';
import { caseworkText } from './corpus';

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'correct horse 1' } as const;
export const DIRECTOR = { username: 'director', password: '辅导室晨光稳妥2026!' } as const;
const DAY_MS = 86_400_000;

export class BenchDesk {
  private constructor(readonly app: DeskApp) {}

  static async open(dir: string, folder: string, options: AppOptions = {}): Promise<BenchDesk> {
    return new BenchDesk(await createApp(dir, nodePlatform('test', systemClock, { folder }), options));
  }

  /**
   * A realistic desk of `options.cases` generated into `dir` (generateDemoDesk: through the real app and
   * store), then opened and signed in as its director. `demo` holds the accounts, the counts it was built
   * with and how long generating took (report it; never count it in a measurement).
   */
  static async generate(
    dir: string,
    folder: string,
    options: Omit<DemoOptions, 'onProgress'>,
    appOptions: AppOptions = {},
  ): Promise<{ desk: BenchDesk; demo: DemoDesk }> {
    const demo = await generateDemoDesk(dir, options);
    const desk = await BenchDesk.open(dir, folder, appOptions);
    await desk.ok('auth.login', { username: 'director', password: DEMO_PASSWORDS.director });
    return { desk, demo };
  }

  async ok<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
    const r = await this.app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as ChannelOutput<K>;
  }

  /** Sets the desk up with an admin and a director, signs the director in; returns the director's id. */
  async setUp(): Promise<string> {
    await this.ok('setup.create', {
      office: {
        county: '章丘区',
        registryOffice: '章丘区婚姻登记处',
        centreName: '婚姻家庭辅导中心',
        level: 'centre',
      },
      admin: ADMIN,
      language: 'zh-CN',
    });
    const director = await this.ok('users.create', {
      username: DIRECTOR.username,
      displayName: '李主任',
      role: 'director',
      temporaryPassword: 'temporary-pass-1',
    });
    await this.ok('auth.logout', null);
    await this.ok('auth.login', { username: DIRECTOR.username, password: 'temporary-pass-1' });
    await this.ok('auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: DIRECTOR.password,
    });
    return director.id;
  }
}

export interface SeedPlan {
  cases: number;
  recordsPerCase: number;
  /** Cases are received over this many days up to today, every deadline ahead: nothing for the sign-in sweep. */
  receivedSpreadDays: number;
  /** Build the search index afterwards (rebuildSearchIndex). */
  searchIndex: boolean;
}

/**
 * Seeds the plan's cases (two parties with Chinese names and ID numbers, records of ≈190 characters of
 * notes) into the store of a set-up desk whose app is closed; returns the row counts.
 */
export async function seedCases(
  dir: string,
  counsellorId: string,
  plan: SeedPlan,
): Promise<{ cases: number; records: number }> {
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin password does not open the keyring');
  const store = await openStore(dir, unlocked.dbKey);
  const { sqlite } = store;
  const { name, idNumber, notes } = caseworkText(20261203);
  const device = (
    sqlite.prepare(`SELECT value FROM settings WHERE key = 'device_id'`).get() as
      { value: string } | undefined
  )?.value;
  const origin = device ? (JSON.parse(device) as string) : 'bench';

  const insertCase =
    sqlite.prepare(`INSERT INTO cases (id, case_number, type, received_date, filing_received_date,
    receipt_number, registration_status, withdrawal_deadline, certificate_window_start, certificate_window_end,
    next_deadline, counsellor_id, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'divorce_adjustment', ?, ?, ?, 'accepted_cooling', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertParty = sqlite.prepare(`INSERT INTO case_parties (id, case_id, party, name, document_type,
    document_number, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, 'resident_id', ?, ?, ?, ?)`);
  const insertRecord = sqlite.prepare(`INSERT INTO counselling_records (id, case_id, status, attendees,
    interview_notes, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'draft', '{"parties":[],"others":[]}', ?, ?, ?, ?, ?)`);
  const today = Date.now();
  const day = (ms: number) => localDateAt(new Date(ms));
  const spread = plan.receivedSpreadDays;
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = uuidv7();
      const received = today - (spread - Math.floor((i * spread) / plan.cases)) * DAY_MS;
      const when = new Date(received + (i % 28_800) * 1000).toISOString();
      const withdrawal = day(received + 30 * DAY_MS);
      insertCase.run(
        id,
        `2026-LH-${String(i + 1).padStart(6, '0')}`,
        day(received),
        day(received),
        `SL-2026-${i + 1}`,
        withdrawal,
        day(received + 31 * DAY_MS),
        day(received + 60 * DAY_MS),
        withdrawal,
        counsellorId,
        counsellorId,
        when,
        when,
        origin,
      );
      insertParty.run(uuidv7(), id, 'party_a', name(), idNumber(), when, when, origin);
      insertParty.run(uuidv7(), id, 'party_b', name(), idNumber(), when, when, origin);
      for (let r = 0; r < plan.recordsPerCase; r++)
        insertRecord.run(uuidv7(), id, notes(), counsellorId, when, when, origin);
    }
  });
  for (let i = 0; i < plan.cases; i += 5000) seed(i, Math.min(plan.cases, i + 5000));
  if (plan.searchIndex) await store.db.transaction().execute((trx) => rebuildSearchIndex(trx));
  const count = (table: string) =>
    (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts = { cases: count('cases'), records: count('counselling_records') };
  await store.close();
  unlocked.dbKey.fill(0);
  return counts;
}
