// Crash test of the sealed file writer (docs/archive-format.md § Writing): a child process sealing an
// 8 MiB desk backup through the real writer is killed with SIGKILL at random moments — while it starts,
// while it writes chunks, while it fsyncs, reads back and renames — 20 rounds into one folder. After every
// kill: a file with the final name exists only if it reads back completely and holds exactly the content
// the child announced; anything else left is `<name>.partial`, which never has the final extension.
// Seed and rounds: SEALED_CRASH_SEED, SEALED_CRASH_ROUNDS.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFromDatabaseKey, readSealedHeader, verifySealedFile } from '../../src/main/desk/sealed-file';
import { tempDir } from '../support/tmp';
import { seededRandom } from '../support/workload-generator';

const ROUNDS = Number(process.env.SEALED_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.SEALED_CRASH_SEED ?? 0x5ea1_c0de);
const MIB = 8;
const CHUNK = 64 * 1024;
const CHUNKS = (MIB * 1024 * 1024) / CHUNK;
const FILE = 'backup.cdbk';
/** The child's database key (tests/support/sealed-writer-child.ts). */
const DB_KEY = createHash('sha256').update('sealed-file crash test database key').digest();
const ROOT = process.cwd();
const CHILD = 'tests/support/sealed-writer-child.ts';

/** When a round's SIGKILL comes: `ms` after the spawn, or `ms` after the child reported `n` bytes sealed. */
type KillAt = { kind: 'spawn'; ms: number } | { kind: 'progress'; chunks: number; ms: number };

interface Round {
  contentSha256: string | null;
  progress: number;
  done: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

const children = new Set<ChildProcess>();

function runRound(folder: string, seed: number, at: KillAt): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder, String(seed), String(MIB)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const round: Round = { contentSha256: null, progress: 0, done: false, signal: null, stderr: '' };
    const kill = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
    if (at.kind === 'spawn') kill(at.ms);
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffer += text;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const [word, value] = buffer.slice(0, newline).split(' ');
        buffer = buffer.slice(newline + 1);
        if (word === 'content') round.contentSha256 = value ?? null;
        if (word === 'done') round.done = true;
        if (word === 'progress') {
          round.progress += 1;
          if (at.kind === 'progress' && round.progress === at.chunks) kill(at.ms);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (round.stderr += text));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      children.delete(child);
      round.signal = signal;
      resolve(round);
    });
  });
}

describe('a sealed file writer killed with SIGKILL', () => {
  const data = tempDir('counseldesk-sealed-crash-');
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    data.cleanup();
  });

  it(`${ROUNDS} rounds (seed ${SEED}): never a final-named file that does not verify in full`, async () => {
    const random = seededRandom(SEED);
    const folder = data.dir;
    const outcomes = { killedWriting: 0, afterLastChunk: 0, complete: 0, partialLeft: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      // One round in six dies while node and tsx start; one in four a few ms after the last chunk was written
      // (in the fsync, the read-back or the rename); the rest a few ms after a random chunk was written.
      const x = random();
      const at: KillAt =
        x < 1 / 6
          ? { kind: 'spawn', ms: Math.floor(random() * 800) }
          : x < 1 / 6 + 1 / 4
            ? { kind: 'progress', chunks: CHUNKS, ms: Math.floor(random() * 80) }
            : { kind: 'progress', chunks: 1 + Math.floor(random() * CHUNKS), ms: Math.floor(random() * 40) };
      const result = await runRound(folder, round, at);
      const label = `round ${round} (${JSON.stringify(at)})`;
      expect(result.stderr, label).toBe('');
      if (!result.done) expect(result.signal, label).toBe('SIGKILL');
      if (!result.done && result.progress > 0) outcomes.killedWriting += 1;
      if (!result.done && result.progress === CHUNKS) outcomes.afterLastChunk += 1;

      const left = readdirSync(folder);
      for (const name of left) {
        if (name === FILE) continue;
        expect(name, label).toBe(`${FILE}.partial`);
        expect(name.endsWith('.cdbk'), label).toBe(false);
      }
      if (left.includes(FILE)) {
        const path = join(folder, FILE);
        const key = keyFromDatabaseKey(await readSealedHeader(path, 'desk-backup'), DB_KEY);
        const verified = await verifySealedFile(path, key);
        expect(verified, label).toEqual({
          contentSha256: result.contentSha256,
          plaintextBytes: MIB * 1024 * 1024,
        });
        outcomes.complete += 1;
        rmSync(path);
      } else if (left.length > 0) {
        outcomes.partialLeft += 1;
        // The .partial stays: the next writer of that name must replace it.
      }
    }
    // The kills did land while chunks were written, and some after the last one (fsync, read-back, rename).
    expect(outcomes.killedWriting, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(ROUNDS / 3);
    expect(outcomes.afterLastChunk, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
