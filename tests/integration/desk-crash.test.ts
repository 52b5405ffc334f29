// Crash test (issue 10 "nothing lost"): a desk process writing through the real services — intakes,
// counselling record drafts and autosaves, referrals — is killed with SIGKILL at random moments, 50 rounds
// on one data directory (some kills land while it starts, opens the keyring, migrates or signs in; most
// while it writes). After every kill: the keyring still opens the store, PRAGMA integrity_check is 'ok',
// every write the process acknowledged is there (at least at the acknowledged version), and the outbox
// holds, for every row written, a pending change carrying the row's committed state.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYRING_FILE, unwrapWithPassword } from '../../src/main/desk/keyring';
import { openStore } from '../../src/main/desk/store';
import { addUser, Desk, SETUP_INPUT, signInFresh } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';
import { seededRandom } from '../support/workload-generator';

const ROUNDS = 50;
const SEED = 0x5eed_c0de;
const ROOT = process.cwd();
const USER = 'counsellor.crash';
const PASSWORD = 'counsellor-crash-pass';
/** Inside node_modules, so the bundle's external packages resolve from the repository. */
const CHILD = join(ROOT, 'node_modules/.cache/counseldesk-crash/desk-crash-child.mjs');

type Table = 'cases' | 'counselling_records' | 'referrals';

interface Round {
  acks: { table: Table; id: string; version: number }[];
  ready: boolean;
  exitSignal: NodeJS.Signals | null;
  stderr: string;
}

/** Builds the child into one ESM file (tsx would spend most of each round compiling). */
function buildChild(): void {
  mkdirSync(join(CHILD, '..'), { recursive: true });
  execFileSync(
    join(ROOT, 'node_modules/.bin/esbuild'),
    [
      'tests/support/desk-crash-child.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      `--outfile=${CHILD}`,
      '--log-level=warning',
    ],
    { cwd: ROOT },
  );
}

/** When a round's SIGKILL comes: `ms` after the start (whatever the child is doing), or `ms` after its n-th ack. */
type KillAt = { kind: 'start'; ms: number } | { kind: 'ack'; n: number; ms: number };

/** One round: start the child, kill it at `at`, and collect what it acknowledged. */
function runRound(dir: string, seed: number, at: KillAt): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, USER, PASSWORD, String(seed)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const round: Round = { acks: [], ready: false, exitSignal: null, stderr: '' };
    let buffer = '';
    const kill = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
    if (at.kind === 'start') kill(at.ms);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line === 'ready') {
          round.ready = true;
          continue;
        }
        const [word, table, id, version] = line.split(' ');
        if (word === 'ack' && table && id && version) {
          round.acks.push({ table: table as Table, id, version: Number(version) });
          if (at.kind === 'ack' && round.acks.length === at.n) kill(at.ms);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (round.stderr += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      round.exitSignal = signal;
      resolve(round);
    });
  });
}

describe('a desk killed with SIGKILL while it writes', () => {
  const data = tempDir('counseldesk-crash-');

  beforeAll(async () => {
    buildChild();
    const desk = await Desk.open(data.dir);
    await desk.ok('setup.create', SETUP_INPUT);
    await addUser(desk, USER, 'counsellor');
    await signInFresh(desk, USER, 'temporary-pass-1', PASSWORD);
    await desk.close();
  }, 60_000);
  afterAll(() => data.cleanup());

  it(`${ROUNDS} rounds: every acknowledged write survives, intact, with its outbox change`, async () => {
    const random = seededRandom(SEED);
    /** Every acknowledged write so far: row → the highest version acknowledged. */
    const acknowledged = new Map<string, { table: Table; version: number }>();
    let totalAcks = 0;
    let verified: { keyring: string; dbKey: Buffer } | undefined;
    let keyringChecks = 0;
    let killedWriting = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      // One round in five is killed at a random moment of its start (keyring, migrations, sign-in); the
      // rest a random few milliseconds after a random write was acknowledged — mostly inside the next one.
      const at: KillAt =
        random() < 0.2
          ? { kind: 'start', ms: Math.floor(random() * 1_500) }
          : { kind: 'ack', n: 1 + Math.floor(random() * 8), ms: Math.floor(random() * 12) };
      const result = await runRound(data.dir, Math.floor(random() * 2 ** 31), at);
      expect(result.exitSignal, `round ${round}: ${result.stderr}`).toBe('SIGKILL');
      if (result.acks.length > 0) killedWriting += 1;
      for (const ack of result.acks) {
        const before = acknowledged.get(ack.id);
        acknowledged.set(ack.id, { table: ack.table, version: Math.max(ack.version, before?.version ?? 0) });
      }
      totalAcks += result.acks.length;

      // The keyring (possibly rewritten by the sign-in) still opens the store. Unwrapping is scrypt, seconds
      // on a loaded machine: it runs again whenever keyring.json changed, and the same bytes give the same key.
      const keyring = createHash('sha256')
        .update(readFileSync(join(data.dir, KEYRING_FILE)))
        .digest('hex');
      if (keyring !== verified?.keyring) {
        const unlocked = unwrapWithPassword(data.dir, USER, PASSWORD);
        expect(unlocked, `round ${round}: keyring`).not.toBeNull();
        verified = { keyring, dbKey: unlocked?.dbKey ?? Buffer.alloc(0) };
        keyringChecks += 1;
      }
      const store = await openStore(data.dir, verified.dbKey);
      try {
        expect(store.sqlite.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
        for (const table of ['cases', 'counselling_records', 'referrals'] as const) {
          const rows = new Map(
            (
              await sql<{ id: string; version: number }>`SELECT id, version FROM ${sql.table(table)}`.execute(
                store.db,
              )
            ).rows.map((r) => [r.id, Number(r.version)]),
          );
          // The newest pending change of each row: its version must be the row's committed one.
          const changes = new Map(
            (
              await store.db
                .selectFrom('outbox')
                .select(['row_id', (eb) => eb.fn.max('row_version').as('version')])
                .where('table_name', '=', table)
                .where('delivered_batch', 'is', null)
                .groupBy('row_id')
                .execute()
            ).map((r) => [r.row_id, Number(r.version)]),
          );
          for (const [id, ack] of acknowledged) {
            if (ack.table !== table) continue;
            const version = rows.get(id);
            expect(version, `round ${round}: ${table} ${id} lost`).toBeDefined();
            expect(version ?? 0, `round ${round}: ${table} ${id} went back`).toBeGreaterThanOrEqual(
              ack.version,
            );
          }
          // Every committed row (acknowledged or committed just before the kill) has its change.
          for (const [id, version] of rows) {
            expect(changes.get(id), `round ${round}: outbox of ${table} ${id}`).toBe(version);
          }
        }
      } finally {
        await store.close();
      }
    }
    // The rounds did what they are for: many writes acknowledged, most rounds killed mid-writing.
    expect(totalAcks).toBeGreaterThan(ROUNDS * 3);
    expect(killedWriting).toBeGreaterThan(ROUNDS / 2);
    expect(keyringChecks).toBeGreaterThanOrEqual(1);
    console.log(
      `crash test: ${ROUNDS} rounds, ${totalAcks} acknowledged writes, ${killedWriting} killed writing`,
    );
  }, 600_000);
});
