import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_SQLITE_FILE } from '../../src/server/county/config';
import { readCountyDirectory, unlockCountyDirectory } from '../../src/server/county/directory';
import type { CountyDatabaseConfig } from '../../src/server/store/store';
import type { TlsIdentity } from '../../src/server/county/tls';
import { createTestCountyDatabase, type CountyTestDialect } from './county-db';

/*
 * A county server in child processes, for the fault suite: the directory is made by the real CLI
 * (`county init`), each incarnation runs tests/support/county-child.ts (what `county serve` does) and is
 * killed with SIGKILL — a crash, not a shutdown — when it reports that an ingest transaction is open
 * (the crash plan's seq for that incarnation). The next incarnation starts at once on the same directory,
 * database and port; ready() waits for whichever incarnation is current.
 */

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PASSPHRASE = 'county passphrase for the fault suite';

export interface CountyKill {
  /** The batch whose ingest transaction was open (rows written, not committed) when the process died. */
  seq: number;
}

export interface CountyProcess {
  dir: string;
  port: number;
  tls: TlsIdentity;
  /** The county database, for the test's own connection (reads, enrolment codes). */
  database: CountyDatabaseConfig;
  readonly kills: readonly CountyKill[];
  /** Resolves once the current incarnation listens (after a crash: the restarted one). */
  ready(): Promise<void>;
  /** Graceful stop of the current incarnation (SIGTERM); no restart follows. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, COUNTY_PASSPHRASE: PASSPHRASE, COUNTY_DATABASE_URL: '', ...extra };
}

/** `county init` in a child process; rejects with its output if it fails. */
async function init(dir: string, port: number, database: CountyDatabaseConfig): Promise<void> {
  const args = ['src/server/cli.ts', 'init', '--dir', dir, '--url', `https://127.0.0.1:${port}`];
  args.push('--host', '127.0.0.1', '--port', String(port));
  if (database.kind === 'postgres') args.push('--postgres', database.url);
  const child = spawn(process.execPath, [TSX, ...args], { cwd: ROOT, env: env(), stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`county init exited ${code}: ${output}`);
}

export async function startCountyProcess(options: {
  dialect: CountyTestDialect;
  dir: string;
  /** Per incarnation, the seq whose ingest it dies in; the incarnation after the last one runs on. */
  crashAtSeqs: readonly number[];
}): Promise<CountyProcess> {
  const { dir } = options;
  const port = await freePort();
  const countyDir = join(dir, 'county');
  // SQLite: the file `county init` makes in the directory; PostgreSQL: a fresh database of the test cluster.
  const database: CountyDatabaseConfig =
    options.dialect === 'postgres'
      ? await createTestCountyDatabase('postgres', dir)
      : { kind: 'sqlite', path: join(countyDir, DEFAULT_SQLITE_FILE) };
  await init(countyDir, port, database);
  // The TLS key and the database key are sealed in county-keys.json: unlocked as `county serve` does, so
  // the test's own connection opens the encrypted database (with the key in `database`).
  const unlocked = await unlockCountyDirectory(readCountyDirectory(countyDir, env()), PASSPHRASE);
  const tls: TlsIdentity = unlocked.tls;
  const keyed: CountyDatabaseConfig = { ...database, key: unlocked.keys.databaseKey };

  const kills: CountyKill[] = [];
  let incarnation = 0;
  let child: ChildProcessWithoutNullStreams | undefined;
  let stopping = false;
  let current: Promise<void>;

  const exited = (proc: ChildProcessWithoutNullStreams) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once('exit', () => resolve());
    });

  const launch = (): Promise<void> => {
    const crashAt = options.crashAtSeqs[incarnation] ?? 0;
    incarnation += 1;
    // tsx as a loader in this very process: its CLI would run the county in a grandchild, which a SIGKILL
    // of the CLI leaves running — not a crash, and a second county on the same directory.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/support/county-child.ts', countyDir], {
      cwd: ROOT,
      env: env({ COUNTY_CRASH_AT_SEQ: String(crashAt) }),
      stdio: 'pipe',
    });
    child = proc;
    let stderr = '';
    let buffered = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    return new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (c: Buffer) => {
        buffered += c.toString('utf8');
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (line.startsWith('ready ')) resolve();
          const crash = /^mid-ingest (\d+)$/.exec(line);
          if (crash) {
            // Replace the ready promise before the kill, so nobody starts a run against the dead one.
            kills.push({ seq: Number(crash[1]) });
            current = exited(proc).then(launch);
            proc.kill('SIGKILL');
            resolve(); // (if it crashed during its start-up ingest, `current` now waits for the next one)
          }
        }
      });
      proc.once('exit', (code, signal) => {
        if (!stopping && signal !== 'SIGKILL') {
          reject(new Error(`county process exited (${code ?? signal}) unexpectedly: ${stderr}`));
        }
      });
    });
  };

  current = launch();
  await current;
  const ready = async (): Promise<void> => {
    // A crash may replace `current` while we wait: wait until it stays the same.
    for (;;) {
      const awaited = current;
      await awaited;
      if (awaited === current) return;
    }
  };
  return {
    dir: countyDir,
    port,
    tls,
    database: keyed,
    kills,
    ready,
    async stop() {
      stopping = true;
      await ready().catch(() => undefined);
      const proc = child;
      if (!proc) return;
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.kill('SIGTERM');
      await exited(proc);
      clearTimeout(timer);
    },
  };
}
