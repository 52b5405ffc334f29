/*
 * The sync benchmark's other processes: the county (sync-county-process.ts), the desk
 * (sync-desk-process.ts) and the PouchDB baseline's server (sync-pouch-server.ts), each forked with tsx
 * and driven over the IPC channel; and the PouchDB
 * baseline itself — the same number of similar documents replicated by PouchDB 9 from a local LevelDB
 * database to express-pouchdb on 127.0.0.1.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CountyDatabaseConfig } from '../../src/server/store/store';
import type { CountyKeys } from '../../src/server/county/keys';
import type { TlsIdentity } from '../../src/server/county/tls';
import type { CountyAnswer, CountyRequest, CountyStartMessage } from './sync-county-process';
import type { DeskRunAnswer, DeskStartMessage } from './sync-desk-process';

/** BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there (profiling only; slows the run). */
const PROFILE_DIR = process.env['BENCH_CPU_PROF'];

function forkTs(file: string): ChildProcess {
  return fork(join(__dirname, file), [], {
    execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(child: ChildProcess, accept: (m: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      if (!accept(m)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited (${code ?? 'signal'})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export interface CountyProcess {
  url: string;
  pid: number;
  request(op: CountyRequest['op']): Promise<CountyAnswer>;
}

/** The county server in a child process on the database `config` names; resolves once it listens. */
export async function forkCounty(
  config: CountyDatabaseConfig,
  keys: CountyKeys,
  tls: TlsIdentity,
): Promise<CountyProcess> {
  const child = forkTs('sync-county-process.ts');
  const started = nextMessage<CountyAnswer>(child, (m) => m.id === 0);
  const start: CountyStartMessage = { config, keys, tls };
  child.send(start);
  const ready = await started;
  let ids = 0;
  return {
    url: ready.code ?? '',
    pid: child.pid ?? 0,
    async request(op) {
      ids += 1;
      const id = ids;
      const answer = nextMessage<CountyAnswer>(child, (m) => m.id === id);
      const exited = op === 'stop' ? new Promise((r) => child.once('exit', r)) : undefined;
      child.send({ id, op });
      const a = await answer;
      if (a.error) throw new Error(`county process: ${a.error}`);
      await exited;
      return a;
    },
  };
}

/**
 * The enrolled desk in `dir` in a child process, store opened; `run()` starts runNow() there and resolves
 * with the child's own figures once every receipt is back (the child then exits).
 */
export async function forkDesk(dir: string, dbKey: Buffer): Promise<{ run(): Promise<DeskRunAnswer> }> {
  const child = forkTs('sync-desk-process.ts');
  const ready = nextMessage<{ ready?: boolean }>(child, (m) => m.ready === true);
  const start: DeskStartMessage = { dir, dbKey: dbKey.toString('hex') };
  child.send(start);
  await ready;
  return {
    async run() {
      const answer = nextMessage<DeskRunAnswer>(child, (m) => typeof m.seconds === 'number');
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ op: 'run' });
      const a = await answer;
      await exited;
      return a;
    },
  };
}

interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  replicate: { to(target: string, options: object): Promise<{ ok: boolean; docs_written: number }> };
  close(): Promise<void>;
}
type PouchConstructor = new (name: string) => PouchDatabase;

export interface PouchResult {
  /** Seconds for replicate.to() to finish. */
  seconds: number;
  docs: number;
}

/**
 * PouchDB 9 replication of `docs` (already in a local LevelDB database, not timed) to express-pouchdb
 * in another process over HTTP on 127.0.0.1; checks that the server holds every document afterwards.
 */
export async function pouchBaseline(docs: readonly object[], dir: string): Promise<PouchResult> {
  const PouchDB = createRequire(__filename)('pouchdb') as PouchConstructor;
  const local = new PouchDB(join(dir, 'desk'));
  for (let i = 0; i < docs.length; i += 5000) await local.bulkDocs(docs.slice(i, i + 5000));
  mkdirSync(join(dir, 'server'), { recursive: true });
  const child = forkTs('sync-pouch-server.ts');
  const ready = nextMessage<{ port: number }>(child, (m) => typeof m.port === 'number');
  child.send({ dir: join(dir, 'server') });
  const { port } = await ready;
  const target = `http://127.0.0.1:${port}/bench`;
  const start = performance.now();
  const result = await local.replicate.to(target, {});
  const seconds = (performance.now() - start) / 1000;
  const remote = new PouchDB(target);
  const held = (await remote.info()).doc_count;
  await remote.close();
  await local.close();
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ op: 'stop' });
  await exited;
  if (!result.ok || held !== docs.length) {
    throw new Error(`PouchDB replicated ${result.docs_written} documents, the server holds ${held}`);
  }
  return { seconds, docs: docs.length };
}
