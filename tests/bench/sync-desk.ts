/*
 * The sync benchmark's desk: exactly `changes` captured changes on a real encrypted store, made fast with
 * prepared statements in large transactions (the capture triggers record each insert like any write).
 * Rows look like casework: a case, its two parties (Chinese names, ID numbers) and one counselling
 * record of ≈190 Chinese characters of notes — four changes a case — plus the counsellors (users).
 */
import { openStore } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { caseworkText } from './corpus';

const CHANGES_PER_CASE = 4;
const MIN_COUNSELLORS = 20;

/** Seeds a new desk store in `dir` and closes it; returns the number of captured changes. */
export async function seedSyncDesk(dir: string, dbKey: Buffer, changes: number): Promise<number> {
  const store = await openStore(dir, dbKey, { create: true });
  const { sqlite } = store;
  const { name, idNumber, notes } = caseworkText(20261123);
  const at = '2026-11-02T02:00:00.000Z';

  // Counsellors fill up what whole cases leave, so the total is exactly `changes`.
  const cases = Math.floor(Math.max(0, changes - MIN_COUNSELLORS) / CHANGES_PER_CASE);
  const users = changes - cases * CHANGES_PER_CASE;
  const insertUser = sqlite.prepare(`INSERT INTO users (id, username, display_name, role, created_at,
    updated_at, origin_device) VALUES (?, ?, ?, 'counsellor', ?, ?, 'bench')`);
  const counsellors: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < users; i++) {
      const id = uuidv7();
      insertUser.run(id, `counsellor${i}`, `辅导员${name()}`, at, at);
      counsellors.push(id);
    }
  })();

  const insertCase =
    sqlite.prepare(`INSERT INTO cases (id, case_number, type, received_date, filing_received_date,
    receipt_number, registration_status, withdrawal_deadline, certificate_window_start, certificate_window_end,
    next_deadline, counsellor_id, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'divorce_adjustment', '2026-11-02', '2026-11-02', ?, 'accepted_cooling', '2026-12-02',
    '2026-12-03', '2027-01-01', '2026-12-02', ?, ?, ?, ?, 'bench')`);
  const insertParty = sqlite.prepare(`INSERT INTO case_parties (id, case_id, party, name, document_type,
    document_number, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, 'resident_id', ?, ?, ?, 'bench')`);
  const insertRecord = sqlite.prepare(`INSERT INTO counselling_records (id, case_id, status, attendees,
    interview_notes, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'draft', '{"parties":[],"others":[]}', ?, ?, ?, ?, 'bench')`);
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = uuidv7();
      const when = new Date(Date.parse(at) + i * 1000).toISOString();
      const counsellor = counsellors[i % counsellors.length] ?? '';
      insertCase.run(
        id,
        `2026-LH-${String(i + 1).padStart(6, '0')}`,
        `SL-2026-${i + 1}`,
        counsellor,
        counsellor,
        when,
        when,
      );
      insertParty.run(uuidv7(), id, 'party_a', name(), idNumber(), when, when);
      insertParty.run(uuidv7(), id, 'party_b', name(), idNumber(), when, when);
      insertRecord.run(uuidv7(), id, notes(), counsellor, when, when);
    }
  });
  for (let i = 0; i < cases; i += 5000) seed(i, Math.min(cases, i + 5000));

  const { n } = sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
  await store.close();
  return n;
}
