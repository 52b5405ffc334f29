import type { Kysely } from 'kysely';
import { DomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import {
  type SyncSettings,
  type SyncStatus,
  type UsbExportResult,
  type UsbImportResult,
  generateSigningKeyPair,
  type RawKeyPair,
} from '../../shared/sync';
import type { DB } from '../db';
import { appendAudit } from '../audit';
import { SerialQueue } from '../desk';
import { enrolDesk } from './enrol-client';
import { checkEpoch } from './epoch';
import type { SyncHost } from './host';
import {
  findEnrolment,
  linkSettings,
  readLink,
  readStatus,
  recordAttempt,
  requireEnrolment,
  toSyncFailure,
  writeLinkSettings,
  type SyncFailure,
} from './link';
import { backoffDelayMs, LoopTimer } from './loop';
import { DEFAULT_LIMITS, KEEP_DELIVERED_BATCHES, prune, runSync, sealAll, type BatchLimits } from './run';
import type { TransportOptions } from './transport';
import { exportBatches, importReceipts } from './usb';

/*
 * The desk's sync, in main: one service per app (desk-sync.ts binds it to the session; see handlers.ts).
 * - Everything that touches sync state — a run, enrolment, USB export and import — goes through one
 *   exclusive queue, so seals, the mark file and receipts never interleave.
 * - A run is single-flight: runNow() while one is going waits for that same run.
 * - The loop (start()) runs only while the host has an open database: unlocked() schedules the first run,
 *   locking() cancels the timer, aborts the request in flight and waits until nothing touches the
 *   database any more (the session awaits it before closing the store). Its timers are unref'd.
 * - A run never throws into the UI: its failure is recorded in sync_link (status.lastError) and the next
 *   attempt backs off (loop.ts).
 */

export interface SyncServiceOptions {
  /** Jitter source in [0, 1) (tests inject their own). */
  random?: () => number;
  transport?: TransportOptions;
  limits?: Partial<BatchLimits>;
  /** Delivered batch rows kept for the history (default 200). */
  keepBatches?: number;
  /** From unlock (or enrolment, or start()) to the first automatic run (default 5 s). */
  firstRunDelayMs?: number;
  /** Enrolment retries after a network failure (default 3) and their base delay (default 1 s). */
  enrolRetries?: number;
  enrolRetryDelayMs?: number;
}

const FIRST_RUN_DELAY_MS = 5_000;

type Trigger = 'timer' | 'now';

export class SyncService {
  readonly #host: SyncHost;
  readonly #random: () => number;
  readonly #limits: BatchLimits;
  readonly #options: SyncServiceOptions;
  readonly #timer: LoopTimer;
  #started = false;
  #failures = 0;
  #retryAfterSeconds = 0;
  /** The last run's clock-skew warning (memory only: the next run measures it again). */
  #clockSkewMinutes: number | null = null;
  #running: Promise<void> | null = null;
  #abort: AbortController | null = null;
  readonly #queue = new SerialQueue();
  readonly #inFlight = new Set<Promise<unknown>>();
  #enrolKey: { secret: string; key: RawKeyPair } | null = null;

  constructor(host: SyncHost, options: SyncServiceOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#random = options.random ?? Math.random;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#timer = new LoopTimer(host.clock, () => this.#tick());
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────

  /** Enables the periodic loop (createApp calls it; tests that drive runs by hand need not). */
  start(): void {
    this.#started = true;
    if (this.#host.database()) this.#timer.schedule(this.#firstRunDelay());
  }

  /** The desk was unlocked: the loop's first run comes soon. */
  unlocked(): void {
    if (this.#started) this.#timer.schedule(this.#firstRunDelay());
  }

  /** The desk is locking: stop the timer, abort the request in flight, wait until the database is free. */
  async locking(): Promise<void> {
    this.#timer.cancel();
    this.#abort?.abort();
    await Promise.allSettled([...this.#inFlight]);
    this.#timer.cancel();
  }

  /** Stops the loop for good (createApp's close()). */
  async close(): Promise<void> {
    this.#started = false;
    await this.locking();
  }

  /** Failed runs in a row (0 after a success); the backoff grows with it. */
  get consecutiveFailures(): number {
    return this.#failures;
  }

  // ── the contract's operations ──────────────────────────────────────────────────────────────────────

  async status(): Promise<SyncStatus> {
    return readStatus(this.#requireDb(), {
      running: this.#running !== null,
      nextAttemptAt: this.#timer.nextAt,
      clockSkewMinutes: this.#clockSkewMinutes,
    });
  }

  /** One run now (or the one going on); the outcome is in the status. SYNC_NOT_ENROLLED before enrolment. */
  async runNow(): Promise<SyncStatus> {
    await requireEnrolment(this.#requireDb());
    await this.#startRun('now');
    return this.status();
  }

  async enrol(code: string): Promise<SyncStatus> {
    const db = this.#requireDb();
    await this.#exclusive(() =>
      enrolDesk(
        {
          db,
          dataDir: this.#host.dataDir,
          clock: this.#host.clock,
          actor: this.#host.actor(),
          deviceKey: (secret) => this.#keyFor(secret),
          transport: this.#options.transport,
          retries: this.#options.enrolRetries,
          retryDelayMs: this.#options.enrolRetryDelayMs,
        },
        code,
      ),
    );
    this.#enrolKey = null;
    this.#failures = 0;
    if (this.#started) this.#timer.schedule(this.#firstRunDelay());
    return this.status();
  }

  async updateSettings(settings: SyncSettings): Promise<SyncStatus> {
    const db = this.#requireDb();
    const before = linkSettings(await readLink(db));
    if (before.autoSync !== settings.autoSync || before.intervalMinutes !== settings.intervalMinutes) {
      const now = this.#host.clock.now();
      await db.transaction().execute(async (trx) => {
        await writeLinkSettings(trx, settings, now);
        await appendAudit(
          trx,
          {
            ...this.#host.actor(),
            action: 'sync.settings_updated',
            targetType: 'sync',
            detail: { ...settings },
          },
          now,
        );
      });
      if (!this.#running && (await findEnrolment(db))) this.#reschedule(settings);
    }
    return this.status();
  }

  /** Seals everything pending and writes every sealed batch to the chosen folder (the USB stick). */
  async exportUsb(): Promise<UsbExportResult> {
    const db = this.#requireDb();
    await requireEnrolment(db);
    const folder = await this.#host.chooseFolder('usb-export');
    if (!folder) return { cancelled: true, fileCount: 0, changeCount: 0 };
    return this.#exclusive(async () => {
      const now = this.#host.clock.now();
      await checkEpoch(db, this.#host.dataDir, now);
      const enrolled = await requireEnrolment(db);
      await sealAll({ ...this.#runBase(db), enrolled });
      const result = await exportBatches(db, folder);
      // Its own short transaction once the files are written (none is held across the stick's I/O).
      const actor = this.#host.actor();
      await db.transaction().execute(async (trx) => {
        await appendAudit(
          trx,
          { ...actor, action: 'sync.usb_exported', targetType: 'sync', detail: { ...result } },
          now,
        );
      });
      return { cancelled: false, ...result };
    });
  }

  /** Applies the county's receipt files (`*.cdsr`) from the chosen folder. */
  async importReceipts(): Promise<UsbImportResult> {
    const db = this.#requireDb();
    await requireEnrolment(db);
    const folder = await this.#host.chooseFolder('usb-import');
    if (!folder) return { cancelled: true, applied: 0, alreadyApplied: 0, rejected: 0, refused: 0 };
    return this.#exclusive(async () => {
      const enrolled = await requireEnrolment(db);
      const result = await importReceipts(db, folder, enrolled, this.#host.clock.now());
      if (result.applied > 0) await prune(db, this.#options.keepBatches ?? KEEP_DELIVERED_BATCHES);
      return { cancelled: false, ...result };
    });
  }

  // ── the run ────────────────────────────────────────────────────────────────────────────────────────

  #requireDb(): Kysely<DB> {
    const db = this.#host.database();
    if (!db) throw new DomainError('LOCKED');
    return db;
  }

  #firstRunDelay(): number {
    return this.#options.firstRunDelayMs ?? FIRST_RUN_DELAY_MS;
  }

  #runBase(db: Kysely<DB>) {
    return {
      db,
      dataDir: this.#host.dataDir,
      clock: this.#host.clock,
      limits: this.#limits,
      keepBatches: this.#options.keepBatches ?? KEEP_DELIVERED_BATCHES,
    };
  }

  async #keyFor(secret: string): Promise<RawKeyPair> {
    if (this.#enrolKey?.secret !== secret) {
      this.#enrolKey = { secret, key: await generateSigningKeyPair() };
    }
    return this.#enrolKey.key;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.run(task);
    // Only for locking() to wait on: the caller gets `result` and its failure.
    const tracked = result.catch(() => undefined);
    this.#inFlight.add(tracked);
    void tracked.then(() => this.#inFlight.delete(tracked));
    return result;
  }

  #tick(): void {
    if (!this.#host.database()) return;
    this.#startRun('timer').catch((e: unknown) => logFailure('sync', 'run', e));
  }

  #startRun(trigger: Trigger): Promise<void> {
    if (!this.#running) {
      this.#running = this.#exclusive(() => this.#runOnce(trigger)).finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  async #runOnce(trigger: Trigger): Promise<void> {
    const db = this.#host.database();
    if (!db) return;
    const enrolled = await findEnrolment(db);
    const settings = enrolled ? linkSettings(enrolled.link) : null;
    if (!enrolled || !settings || (trigger === 'timer' && !settings.autoSync)) {
      this.#timer.cancel();
      return;
    }
    const controller = new AbortController();
    this.#abort = controller;
    const at = this.#host.clock.now();
    let failure: SyncFailure | null = null;
    try {
      await runSync({
        ...this.#runBase(db),
        enrolled,
        transport: this.#options.transport,
        signal: controller.signal,
        onClockSkew: (minutes) => {
          this.#clockSkewMinutes = minutes;
        },
      });
    } catch (e) {
      // Interrupted by a lock: not an attempt that failed; the next unlock starts over.
      if (controller.signal.aborted) return;
      failure = toSyncFailure(e);
      if (failure.code === 'INTERNAL') logFailure('sync', 'run', e);
    } finally {
      this.#abort = null;
    }
    await recordAttempt(db, { at, failure });
    this.#failures = failure ? this.#failures + 1 : 0;
    const retryAfter = failure?.meta['retryAfterSeconds'];
    this.#retryAfterSeconds = typeof retryAfter === 'number' ? retryAfter : 0;
    this.#reschedule(settings);
  }

  #reschedule(settings: SyncSettings): void {
    if (!this.#started || !settings.autoSync || !this.#host.database()) {
      this.#timer.cancel();
      return;
    }
    this.#timer.schedule(
      backoffDelayMs(this.#failures, settings.intervalMinutes, this.#random, this.#retryAfterSeconds),
    );
  }
}
