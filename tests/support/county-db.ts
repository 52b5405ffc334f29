import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openCountyStore, type CountyDatabaseConfig, type CountyStore } from '../../src/server/store/store';

/*
 * The county database for tests, on either dialect. SQLite is a file in the caller's directory. PostgreSQL
 * is one throwaway cluster per test process, started on first use from Debian's server binaries (apt
 * package `postgresql`), listening on a random 127.0.0.1 port and a unix socket inside its own temp dir,
 * trust auth, durability off (it is thrown away). Each call gets a fresh database in it. The cluster stops
 * after each test file (a vitest setup file) and at process exit; a cluster left behind by a killed run is swept by the next.
 */

export type CountyTestDialect = 'sqlite' | 'postgres';
export const COUNTY_DIALECTS: readonly CountyTestDialect[] = ['sqlite', 'postgres'];

const run = promisify(execFile);
const PREFIX = 'counseldesk-pg-';
const SUPERUSER = 'postgres';
/** initdb takes seconds; a directory without an owner after this long is debris. */
const STALE_SETUP_MS = 10 * 60 * 1000;

interface Cluster {
  root: string;
  data: string;
  port: number;
  bin: string;
}

let starting: Promise<Cluster> | undefined;
let cluster: Cluster | undefined;
let databases = 0;

/** Highest installed major version's bin dir, or a clear error naming the package to install. */
function findBinaries(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: ' +
      'install the apt package `postgresql` (.ci/run installs it) to run the county tests on PostgreSQL',
  );
}

const asRoot = () => process.getuid?.() === 0;

/** As root, PostgreSQL refuses to run: its tools run as the `postgres` user (runuser). */
function command(bin: string, tool: string, args: string[]): [string, string[]] {
  const path = join(bin, tool);
  return asRoot() ? ['runuser', ['-u', SUPERUSER, '--', path, ...args]] : [path, args];
}

function postgresOwner(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root needs the `postgres` system user (apt package `postgresql`)');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(root: string): number | undefined {
  try {
    return Number(readFileSync(join(root, 'owner.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Stops and removes clusters whose owning test process is gone (a run killed before its cleanup). */
function sweepLeftovers(bin: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const root = join(tmpdir(), name);
    const owner = ownerOf(root);
    // No owner file yet: a cluster being set up right now — unless that was long ago (a killed set-up).
    if (owner === undefined && Date.now() - statSync(root).mtimeMs < STALE_SETUP_MS) continue;
    if (owner !== undefined && owner > 0 && alive(owner)) continue;
    stopSync({ root, data: join(root, 'data'), port: 0, bin });
  }
}

async function startCluster(): Promise<Cluster> {
  const bin = findBinaries();
  sweepLeftovers(bin);
  const root = mkdtempSync(join(tmpdir(), PREFIX));
  const data = join(root, 'data');
  if (asRoot()) {
    const { uid, gid } = postgresOwner();
    chownSync(root, uid, gid);
  }
  const [initdb, initArgs] = command(bin, 'initdb', [
    '-D',
    data,
    '-U',
    SUPERUSER,
    '--auth=trust',
    '--encoding=UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  try {
    await run(initdb, initArgs);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw new Error('initdb failed for the PostgreSQL test cluster', { cause: e });
  }
  // Written after initdb so a half-made directory is never swept from under a running set-up.
  writeFileSync(join(root, 'owner.pid'), String(process.pid));
  const started = { root, data, port: 0, bin };
  cluster = started;
  process.once('exit', () => stopSync(started));

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${root}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 100',
        '',
      ].join('\n'),
    );
    const [pgCtl, args] = command(bin, 'pg_ctl', ['-D', data, '-l', join(root, 'postgres.log'), '-w']);
    try {
      await run(pgCtl, [...args, '-t', '60', 'start']);
      started.port = port;
      return started;
    } catch (e) {
      lastError = e; // most likely the port was taken between freePort and bind: try another
    }
  }
  throw new Error(`PostgreSQL test cluster did not start (log: ${join(root, 'postgres.log')})`, {
    cause: lastError,
  });
}

function stopSync(target: Cluster): void {
  if (existsSync(join(target.data, 'postmaster.pid'))) {
    const [pgCtl, args] = command(target.bin, 'pg_ctl', ['-D', target.data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(pgCtl, args, { stdio: 'ignore' });
  }
  rmSync(target.root, { recursive: true, force: true });
}

/**
 * Stops this process's cluster (if any); safe to call more than once. Vitest calls it after every test file
 * (tests/support/postgres-cleanup.setup.ts); scripts call it themselves, and the exit handler is the net.
 */
export async function stopTestPostgres(): Promise<void> {
  const pending = starting;
  starting = undefined;
  if (pending) await pending.catch(() => undefined);
  const target = cluster;
  cluster = undefined;
  if (!target) return;
  if (existsSync(join(target.data, 'postmaster.pid'))) {
    const [pgCtl, args] = command(target.bin, 'pg_ctl', ['-D', target.data, '-m', 'fast', '-w', 'stop']);
    await run(pgCtl, args).catch(() => undefined);
  }
  stopSync(target);
}

async function createDatabase(): Promise<string> {
  starting ??= startCluster();
  const { port } = await starting;
  databases += 1;
  const name = `county_${process.pid}_${databases}`;
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
}

/** `pg_dump` of a test database (plain SQL text): what someone with a copy of the database would read. */
export async function dumpTestPostgres(url: string): Promise<string> {
  const { bin } = await (starting ?? Promise.reject(new Error('no PostgreSQL test cluster')));
  const name = new URL(url).pathname.slice(1);
  const { port } = new URL(url);
  const [dump, args] = command(bin, 'pg_dump', ['-h', '127.0.0.1', '-p', port, '-U', SUPERUSER, name]);
  const { stdout } = await run(dump, args, { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/**
 * Where a fresh, empty county database is: a new database in this process's PostgreSQL cluster, or a new
 * SQLite file in `dir`, with a fresh county database key (so it is encrypted at rest as a real county's:
 * a SQLCipher file, sealed rows on PostgreSQL). Keep the config to open the same database again (a server
 * restart): it carries the key. `key: null` makes a database without one (an old county's plain file).
 */
export async function createTestCountyDatabase(
  dialect: CountyTestDialect,
  dir: string,
  options: { key?: Uint8Array | null } = {},
): Promise<CountyDatabaseConfig> {
  const key = options.key === null ? {} : { key: options.key ?? new Uint8Array(randomBytes(32)) };
  if (dialect === 'postgres') return { kind: 'postgres', url: await createDatabase(), ...key };
  let path = join(dir, 'county.db');
  for (let n = 2; existsSync(path); n += 1) path = join(dir, `county-${n}.db`);
  return { kind: 'sqlite', path, ...key };
}

/** A fresh county database of the dialect, opened (schema created). */
export async function openTestCountyStore(dialect: CountyTestDialect, dir: string): Promise<CountyStore> {
  return openCountyStore(await createTestCountyDatabase(dialect, dir));
}
