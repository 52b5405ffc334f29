import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, isLocalDate, localDateAt, type LocalDate } from '../../shared/calendar';
import { createApp, nodePlatform } from '../app';
import { KEYRING_FILE, lockDataDir, openStore, unwrapWithPassword, type Clock } from '../desk';
import { createDemoAccounts, demoAccounts, type DemoAccount } from './accounts';
import { instantAt } from './clock';
import { fillDemoStore, type DemoSummary, type FillInput, type ProgressListener } from './fill';
import { periodOf } from './world';

/*
 * generateDemoDesk: a populated desk for newcomers and benchmarks. The desk is set up through the real
 * app (createApp + dispatch: office, administrator, director, counsellors, volunteer accounts), as it was
 * "a fortnight before the period began"; then, with the app closed, the generator opens the store with
 * the administrator's password and fills it (fill.ts). The result is an ordinary desk: the app opens it,
 * its services and screens work on it, its outbox holds every generated row for sync.
 *
 * Deterministic: the same seed, size and today give the same content (ids, device id and the keys differ).
 */

export interface DemoOptions {
  cases: number;
  seed: number;
  /** The office-local last day of the period (default: today); the desk is as it was at 08:00 that day. */
  today?: LocalDate;
  /** Years the cases are spread over, ending at today (default: 2 up to 20,000 cases, then 1 per 10,000, at most 10). */
  years?: number;
  onProgress?: ProgressListener;
}

export interface DemoDesk {
  accounts: DemoAccount[];
  /** Issued by setup; it opens the desk like the administrator's password (a demo prints it). */
  recoveryCode: string;
  today: LocalDate;
  summary: DemoSummary;
  /** Milliseconds: setting up through the app, filling the store, rebuilding the search index included. */
  timings: { setupMs: number; fillMs: number };
}

export const MAX_DEMO_CASES = 1_000_000;

export function defaultYears(cases: number): number {
  return Math.min(10, Math.max(2, Math.round(cases / 10_000)));
}

/** A clock that starts at `start` and runs with the wall clock from there. */
function clockFrom(start: string): Clock {
  const base = Date.parse(start);
  const t0 = Date.now();
  return { now: () => new Date(base + (Date.now() - t0)) };
}

export async function generateDemoDesk(dataDir: string, options: DemoOptions): Promise<DemoDesk> {
  const { cases, seed } = options;
  if (!Number.isInteger(cases) || cases < 1 || cases > MAX_DEMO_CASES)
    throw new RangeError('demo: cases out of range');
  if (!Number.isInteger(seed)) throw new RangeError('demo: seed must be an integer');
  const today = options.today ?? localDateAt(new Date());
  if (!isLocalDate(today)) throw new RangeError('demo: today must be YYYY-MM-DD');
  const years = options.years ?? defaultYears(cases);
  if (!(years > 0 && years <= 10)) throw new RangeError('demo: years out of range');
  // Never over an existing desk: a demo directory is made fresh.
  if (existsSync(join(dataDir, KEYRING_FILE)))
    throw new Error('demo: the data directory already holds a desk');

  const { start, lastClosed } = periodOf(today, years);
  const setupAt = instantAt(addDays(start, -14), 9 * 60);
  const accounts = demoAccounts(cases);
  const admin = accounts[0];
  if (!admin) throw new Error('demo: no administrator account');

  const setupStart = performance.now();
  const app = await createApp(dataDir, nodePlatform('harness', clockFrom(setupAt)));
  let recoveryCode: string;
  try {
    recoveryCode = await createDemoAccounts(app, accounts);
  } finally {
    await app.close();
  }
  const setupMs = performance.now() - setupStart;

  const fillStart = performance.now();
  // Held like an app holds it: nothing else opens the desk while it is filled.
  const lock = lockDataDir(dataDir);
  let summary: DemoSummary;
  try {
    summary = await fill(dataDir, admin, {
      seed,
      cases,
      today,
      start,
      lastClosed,
      setupAt: new Date(setupAt),
      demoUsernames: accounts.map((a) => a.username),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    lock.release();
  }
  return {
    accounts,
    recoveryCode,
    today,
    summary,
    timings: { setupMs, fillMs: performance.now() - fillStart },
  };
}

async function fill(dataDir: string, admin: DemoAccount, input: FillInput): Promise<DemoSummary> {
  const unlocked = unwrapWithPassword(dataDir, admin.username, admin.password);
  if (!unlocked) throw new Error('demo: the administrator password does not open the new desk');
  const store = await openStore(dataDir, unlocked.dbKey);
  try {
    // One large write: the store's own way of holding off automatic checkpoints meanwhile (fewer rewrites
    // of the same pages), checkpointed once afterwards.
    return await store.writeDeferringCheckpoint(unlocked.dbKey, () => fillDemoStore(store, input));
  } finally {
    await store.close();
    unlocked.dbKey.fill(0);
  }
}
