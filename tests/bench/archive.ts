/*
 * Case-archive benchmark: a desk of N cases (default 10,000) with two parties and five counselling
 * records of ≈190 Chinese characters each (50,000 records), a family archive for every fifth case with a
 * follow-up plan and two visits; then, through the real services (dispatch, as a director):
 *   - archive.export of every case (selection: the case list with no filter) to a folder, scrypt at the
 *     desk's real cost, written, read back and verified;
 *   - on a second, fresh desk: archive.chooseImport + archive.readImport (decrypt, verify, validate,
 *     compare), then archive.applyImport (one transaction, search indexing included).
 * Writes its section into docs/benchmarks.md (between markers).
 *
 *   npx tsx tests/bench/archive.ts
 *   BENCH_CASES=2000 npx tsx tests/bench/archive.ts
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, systemClock } from '../../src/main/app/node-platform';
import type { DeskApp } from '../../src/main/app';
import { openStore } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { rebuildSearchIndex } from '../../src/main/search/search-index';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract';
import { tempDir } from '../support/tmp';
import { COMMON, GIVEN, SENTENCES, SURNAMES, rng } from './corpus';
import { writeBenchSection } from './bench-doc';

const N = Number(process.env['BENCH_CASES'] ?? 10_000);
const RECORDS_PER_CASE = 5;
const DAY_MS = 86_400_000;
/** Received 5 days ago, every deadline ahead: no case is due for the registration sweep at sign-in. */
const RECEIVED = Date.now() - 5 * DAY_MS;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ADMIN = { username: 'admin', displayName: '王主任', password: 'correct horse 1' } as const;
const DIRECTOR = { username: 'director', password: '辅导室晨光稳妥2026!' } as const;
const PASSPHRASE = '移交县中心的案卷口令-冬至';

class BenchDesk {
  private constructor(
    readonly app: DeskApp,
    readonly dir: string,
  ) {}

  static async open(dir: string, folder: string): Promise<BenchDesk> {
    return new BenchDesk(await createApp(dir, nodePlatform('test', systemClock, { folder })), dir);
  }

  async ok<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
    const r = await this.app.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as ChannelOutput<K>;
  }

  /** Sets the desk up with an admin and a director, and signs the director in. */
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

/** Seeds N cases into the desk's store (closed meanwhile) with prepared statements; returns the row counts. */
async function seedCases(dir: string, counsellorId: string): Promise<{ cases: number; records: number }> {
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin password does not open the keyring');
  const store = await openStore(dir, unlocked.dbKey);
  const { sqlite } = store;
  const random = rng(20261203);
  const pick = (text: string) => text[Math.floor(random() * text.length)] ?? '';
  const name = () => `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.4 ? pick(GIVEN) : ''}`;
  const idNumber = () => `3701811990${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  const clause = () => `${Array.from({ length: 13 }, () => pick(COMMON)).join('')}。`;
  const notes = () =>
    Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? (SENTENCES[Math.floor(random() * SENTENCES.length)] ?? '') : clause(),
    ).join('');
  const device = (
    sqlite.prepare(`SELECT value FROM settings WHERE key = 'device_id'`).get() as
      { value: string } | undefined
  )?.value;
  const origin = device ? (JSON.parse(device) as string) : 'bench';

  const insertCase =
    sqlite.prepare(`INSERT INTO cases (id, case_number, type, received_date, filing_received_date,
    receipt_number, registration_status, withdrawal_deadline, certificate_window_start, certificate_window_end,
    next_deadline, counsellor_id, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'divorce_adjustment', '${day(RECEIVED)}', '${day(RECEIVED)}', ?, 'accepted_cooling',
    '${day(RECEIVED + 30 * DAY_MS)}', '${day(RECEIVED + 31 * DAY_MS)}', '${day(RECEIVED + 60 * DAY_MS)}',
    '${day(RECEIVED + 30 * DAY_MS)}', ?, ?, ?, ?, ?)`);
  const insertParty = sqlite.prepare(`INSERT INTO case_parties (id, case_id, party, name, document_type,
    document_number, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, 'resident_id', ?, ?, ?, ?)`);
  const insertRecord = sqlite.prepare(`INSERT INTO counselling_records (id, case_id, status, attendees,
    interview_notes, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'draft', '{"parties":[],"others":[]}', ?, ?, ?, ?, ?)`);
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = uuidv7();
      const when = new Date(RECEIVED + i * 1000).toISOString();
      insertCase.run(
        id,
        `2026-LH-${String(i + 1).padStart(6, '0')}`,
        `SL-2026-${i + 1}`,
        counsellorId,
        counsellorId,
        when,
        when,
        origin,
      );
      insertParty.run(uuidv7(), id, 'party_a', name(), idNumber(), when, when, origin);
      insertParty.run(uuidv7(), id, 'party_b', name(), idNumber(), when, when, origin);
      for (let r = 0; r < RECORDS_PER_CASE; r++)
        insertRecord.run(uuidv7(), id, notes(), counsellorId, when, when, origin);
    }
  });
  for (let i = 0; i < N; i += 2000) seed(i, Math.min(N, i + 2000));
  await store.db.transaction().execute((trx) => rebuildSearchIndex(trx));
  const count = (table: string) =>
    (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts = { cases: count('cases'), records: count('counselling_records') };
  await store.close();
  unlocked.dbKey.fill(0);
  return counts;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

async function main(): Promise<void> {
  const tmp = tempDir('counseldesk-bench-archive-');
  const usb = join(tmp.dir, 'usb');
  mkdirSync(usb);
  const load: number[][] = [loadavg()];

  // Desk A: the exporting desk.
  const dirA = join(tmp.dir, 'a');
  let a = await BenchDesk.open(dirA, usb);
  const directorId = await a.setUp();
  await a.app.close();
  const seedStart = performance.now();
  const seeded = await seedCases(dirA, directorId);
  const seedMs = performance.now() - seedStart;
  a = await BenchDesk.open(dirA, usb);
  await a.ok('auth.login', { username: DIRECTOR.username, password: DIRECTOR.password });

  const selection = { kind: 'filter', filter: {} } as const;
  const preview = await a.ok('archive.previewExport', { selection });
  const exportStart = performance.now();
  const exported = await a.ok('archive.export', {
    selection,
    passphrase: PASSPHRASE,
    passphraseConfirm: PASSPHRASE,
    summaryPdf: false,
  });
  const exportMs = performance.now() - exportStart;
  load.push(loadavg());
  await a.app.close();
  if (exported.cancelled || !exported.fileName) throw new Error('export cancelled');
  const fileBytes = statSync(join(usb, exported.fileName)).size;

  // Desk B: a fresh desk that imports the file.
  const b = await BenchDesk.open(join(tmp.dir, 'b'), usb);
  await b.setUp();
  const readStart = performance.now();
  await b.ok('archive.chooseImport', null);
  const read = await b.ok('archive.readImport', { passphrase: PASSPHRASE });
  const readMs = performance.now() - readStart;
  const applyStart = performance.now();
  const applied = await b.ok('archive.applyImport', { replaceCaseIds: [] });
  const applyMs = performance.now() - applyStart;
  load.push(loadavg());
  const found = await b.ok('search.cases', { query: '调解' });
  const listed = await b.ok('cases.list', { pageSize: 1 });
  await b.app.close();
  if (applied.added !== seeded.cases || listed.total !== seeded.cases)
    throw new Error(`imported ${applied.added} / listed ${listed.total} of ${seeded.cases} cases`);
  if (found.rows.length === 0) throw new Error('imported cases are not searchable');
  const files = readdirSync(usb);
  tmp.cleanup();

  const cpu = cpus()[0]?.model ?? 'unknown';
  const section = `## Case archives (export and import)

Generated by \`npx tsx tests/bench/archive.ts\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB; load average at start/after export/after import:
${load.map((l) => (l[0] ?? 0).toFixed(1)).join(' / ')}). One run, through \`dispatch\` as a director, on real
encrypted stores; scrypt at the desk's real cost (N=2^17). The seeded desk: ${seeded.cases.toLocaleString('en')}
cases, two parties each, ${seeded.records.toLocaleString('en')} counselling records of ≈190 Chinese characters
(seeding ${seconds(seedMs)} s, not counted).

| step | time (s) |
|---|---|
| export: collect, encode, seal, write, read back and verify (${preview.caseCount.toLocaleString('en')} cases, file ${(fileBytes / 2 ** 20).toFixed(1)} MiB) | ${seconds(exportMs)} |
| import: choose + read (decrypt, verify, validate ${read.caseCount.toLocaleString('en')} cases, compare) | ${seconds(readMs)} |
| import: apply in one transaction, search index included (${applied.added.toLocaleString('en')} cases added) | ${seconds(applyMs)} |
| import total | ${seconds(readMs + applyMs)} |

Files in the folder afterwards: ${files.length} (no partial file left). The imported desk's search finds
the imported notes (\`调解\`: ${found.rows.length} hits on the first page).
`;
  writeBenchSection('archive-bench', section);
  process.stdout.write(section);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
