import { existsSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  BACKUP_OVERDUE_DAYS,
  type BackupMade,
  type BackupPhase,
  type BackupReason,
  type BackupStatus,
  type BackupTask,
  type ChosenBackup,
  type RestoreInput,
  type Restored,
  type RestoreCredential,
} from '../../shared/backup';
import { DomainError, isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import { actorOf, appendAudit } from '../audit';
import { inTransaction, readSealedHeader, type DeskContext, type OpenDesk, type ReadCall } from '../desk';
import { currentVersion } from '../db';
import { readBackupLog, recordBackupFailed, recordBackupMade } from './backup-log';
import { backupFileName, BACKUPS_FOLDER, listBackupFiles, type BackupFile } from './names';
import { backupReadError, openInPlace, prepareStagedStore, stageRestore, stagingDir } from './restore';
import { backupsToRemove } from './rotation';
import { finishRestore, rollBack, swapInRestored } from './swap';
import { ensureFolder, writeSnapshotBackup } from './write';

/*
 * The desk's backups, in main: one service per app (desk-backup.ts binds it to the session).
 * - One task at a time (a backup or a restore): its phase and byte counts are what backup.status and
 *   backup.progress show; a second request meanwhile is BACKUP_BUSY.
 * - Backups run outside the dispatcher's queue: the snapshot is taken in a worker thread and sealed with
 *   streaming I/O, so the desk stays usable. A lock cancels a backup in flight (the key must go) and waits
 *   for it; the partial file is removed.
 * - The daily backup: at unlock (after firstCheckDelayMs) and every checkIntervalMs while unlocked, if the
 *   newest backup in backups/ is older than 24 hours, one is made in the background. Rotation runs after
 *   every backup into backups/.
 * - A restore runs inside the dispatcher's queue and ends with the desk signed out (swap.ts, restore.ts).
 */

export interface BackupServiceOptions {
  /** From unlock to the first daily check (default 60 s). */
  firstCheckDelayMs?: number;
  /** Between daily checks while unlocked (default 1 hour). */
  checkIntervalMs?: number;
}

const DAY_MS = 86_400_000;
const FIRST_CHECK_MS = 60_000;
const CHECK_INTERVAL_MS = 3_600_000;

interface RunningTask {
  state: BackupTask;
  abort: AbortController;
}

export class BackupService {
  readonly #ctx: DeskContext;
  readonly #options: BackupServiceOptions;
  #task: RunningTask | null = null;
  #running: Promise<unknown> | null = null;
  #chosen: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(ctx: DeskContext, options: BackupServiceOptions = {}) {
    this.#ctx = ctx;
    this.#options = options;
  }

  get #folder(): string {
    return join(this.#ctx.dataDir, BACKUPS_FOLDER);
  }

  // ── what the screens read ───────────────────────────────────────────────────────────────────────────

  status(): Promise<BackupStatus> {
    const files = listBackupFiles(this.#folder);
    const log = readBackupLog(this.#ctx.dataDir);
    const newestFile = files[0]?.createdAt.getTime() ?? null;
    const logged = log.lastBackupAt ? Date.parse(log.lastBackupAt) : null;
    const last = Math.max(newestFile ?? -1, logged ?? -1);
    const lastBackupAt = last >= 0 ? new Date(last).toISOString() : null;
    const now = this.#ctx.clock.now().getTime();
    return Promise.resolve({
      lastBackupAt,
      overdue: last < 0 || now - last > BACKUP_OVERDUE_DAYS * DAY_MS,
      backups: files.map((f) => ({
        fileName: f.fileName,
        createdAt: f.createdAt.toISOString(),
        reason: f.reason,
        bytes: f.bytes,
      })),
      task: this.progress(),
      lastFailure: log.lastFailure,
    });
  }

  progress(): BackupTask | null {
    return this.#task ? { ...this.#task.state } : null;
  }

  cancel(): void {
    if (this.#task?.state.cancellable) this.#task.abort.abort();
  }

  // ── backups ─────────────────────────────────────────────────────────────────────────────────────────

  /** 立即备份: into the desk's own backups folder; audited. */
  async backupNow(call: ReadCall): Promise<BackupMade> {
    const made = await this.#backup('manual', this.#folder, true);
    await this.#audit(call, 'desk');
    return { cancelled: false, ...made };
  }

  /** 备份到…: into a folder the user chooses (the USB stick); audited. Cancelled dialog → nothing. */
  async exportTo(call: ReadCall): Promise<BackupMade> {
    if (this.#task) throw new DomainError('BACKUP_BUSY');
    const folder = await this.#ctx.chooseFolder('backup-export');
    if (!folder) return { cancelled: true, fileName: null, bytes: 0 };
    const made = await this.#backup('manual', folder, false);
    await this.#audit(call, 'folder');
    return { cancelled: false, ...made };
  }

  /** The daily backup when the newest in backups/ is 24 hours old or more; true when one was made. */
  async runDailyIfDue(): Promise<boolean> {
    if (!this.#ctx.session.current || this.#task) return false;
    const newest = listBackupFiles(this.#folder).find((f) => f.reason !== 'before-migration');
    const now = this.#ctx.clock.now().getTime();
    if (newest && now - newest.createdAt.getTime() < DAY_MS) return false;
    try {
      await this.#backup('daily', this.#folder, true);
      return true;
    } catch (e) {
      const code = isDomainError(e) ? e.code : 'INTERNAL';
      if (code !== 'BACKUP_CANCELLED' && code !== 'BACKUP_BUSY') {
        recordBackupFailed(this.#ctx.dataDir, this.#ctx.clock.now(), code);
        logFailure('backup', 'daily', e);
      }
      return false;
    }
  }

  async #backup(
    reason: BackupReason,
    folder: string,
    ours: boolean,
  ): Promise<{ fileName: string; bytes: number }> {
    const open = this.#ctx.session.requireOpen();
    const task = this.#begin('backup', 'snapshot');
    const dbKey = Buffer.from(open.dbKey);
    const work = (async () => {
      ensureFolder(folder, ours);
      const createdAt = this.#ctx.clock.now();
      const taken = (name: string) =>
        existsSync(join(folder, name)) || existsSync(join(folder, `${name}.partial`));
      const fileName = backupFileName(createdAt, reason, taken);
      const written = await writeSnapshotBackup(
        {
          dataDir: this.#ctx.dataDir,
          dbPath: open.store.path,
          dbKey,
          schemaVersion: await currentVersion(open.store.db),
          deviceId: open.deviceId,
          reason,
          createdAt,
        },
        folder,
        fileName,
        { signal: task.abort.signal, onProgress: (phase, done, total) => this.#progress(phase, done, total) },
      );
      recordBackupMade(this.#ctx.dataDir, createdAt, reason === 'daily');
      if (ours) await this.#rotate(open);
      return { fileName, bytes: written.bytes };
    })();
    return this.#track(work).finally(() => {
      dbKey.fill(0);
      this.#end(task);
    });
  }

  /** Removes what rotation drops, asynchronously (a large backup's unlink must not freeze the desk). */
  async #rotate(open: OpenDesk): Promise<void> {
    const { backupKeepDaily, backupKeepWeekly } = open.settings;
    for (const old of backupsToRemove(listBackupFiles(this.#folder), {
      daily: backupKeepDaily,
      weekly: backupKeepWeekly,
    })) {
      await rm(join(this.#folder, old.fileName), { force: true });
    }
  }

  async #audit(call: ReadCall, source: 'desk' | 'folder'): Promise<void> {
    // The desk may have locked meanwhile (the backup is done; only its audit entry is lost then).
    if (this.#ctx.session.current !== call.open) return;
    await inTransaction(call, (c) =>
      appendAudit(
        c.db,
        { ...actorOf(c.user), action: 'backup.created', detail: { reason: 'manual', source } },
        this.#ctx.clock.now(),
      ),
    );
  }

  // ── restore ─────────────────────────────────────────────────────────────────────────────────────────

  /** Asks for a backup file (a stick, a copied file); remembers it for restore. Checks its header only. */
  async chooseFile(): Promise<ChosenBackup> {
    const path = await this.#ctx.chooseFile('backup-restore');
    if (!path) return { cancelled: true, fileName: null, bytes: 0 };
    await readSealedHeader(path, 'desk-backup').catch((e: unknown) => {
      throw backupReadError(e);
    });
    this.#chosen = path;
    return { cancelled: false, fileName: basename(path), bytes: statSync(path).size };
  }

  /** The administrator restores on an open desk; the desk ends signed out, the restored store in place. */
  async restore(call: ReadCall, input: RestoreInput): Promise<Restored> {
    const path = this.#sourcePath(input);
    return this.#restore(path, input.credential, {
      current: call.open,
      actor: actorOf(call.user),
      source: input.source.kind,
    });
  }

  /** The first-run wizard restores onto an empty data directory. */
  async restoreAtSetup(credential: RestoreCredential): Promise<Restored> {
    if (this.#ctx.session.phase !== 'setup') throw new DomainError('ALREADY_SET_UP');
    if (!this.#chosen) throw new DomainError('BACKUP_NO_FILE_CHOSEN');
    return this.#restore(this.#chosen, credential, {
      current: null,
      actor: { actorId: null, actorName: null },
      source: 'chosen',
    });
  }

  #sourcePath(input: RestoreInput): string {
    if (input.source.kind === 'chosen') {
      if (!this.#chosen) throw new DomainError('BACKUP_NO_FILE_CHOSEN');
      return this.#chosen;
    }
    const { fileName } = input.source;
    const found = listBackupFiles(this.#folder).find((f: BackupFile) => f.fileName === fileName);
    if (!found) throw new DomainError('BACKUP_NOT_FOUND');
    return join(this.#folder, found.fileName);
  }

  async #restore(
    path: string,
    credential: RestoreCredential,
    how: {
      current: OpenDesk | null;
      actor: { actorId: string | null; actorName: string | null };
      source: 'automatic' | 'chosen';
    },
  ): Promise<Restored> {
    const task = this.#begin('restore', 'reading');
    const dataDir = this.#ctx.dataDir;
    let currentKey: Buffer | null = null;
    const work = async (): Promise<Restored> => {
      // 1–4: nothing changes yet; a refusal leaves the desk as it was, still open.
      const staged = await stageRestore(dataDir, path, credential, {
        signal: task.abort.signal,
        onProgress: (phase, done, total) => this.#progress(phase, done, total),
      });
      try {
        if (task.abort.signal.aborted) {
          rmSync(stagingDir(dataDir), { recursive: true, force: true });
          throw new DomainError('BACKUP_CANCELLED');
        }
        task.state = { ...task.state, phase: 'replacing', done: 0, total: null, cancellable: false };
        const current = how.current;
        if (current) {
          currentKey = Buffer.from(current.dbKey);
          // Sign out: sync and background work stop, the store is checkpointed and closed.
          await this.#ctx.session.logout();
        }
        try {
          await prepareStagedStore({
            dataDir,
            staged,
            current: current && currentKey ? { path: current.store.path, dbKey: currentKey } : null,
            actor: how.actor,
            source: how.source,
            method: credential.kind === 'password' ? 'password' : 'recovery_code',
            now: this.#ctx.clock.now(),
          });
        } catch (e) {
          logFailure('backup', 'restore prepare', e);
          rmSync(stagingDir(dataDir), { recursive: true, force: true });
          throw new DomainError('BACKUP_RESTORE_FAILED');
        }
        swapInRestored(dataDir);
        try {
          await openInPlace(dataDir, staged.dbKey);
        } catch (e) {
          logFailure('backup', 'restore open', e);
          rollBack(dataDir);
          throw new DomainError('BACKUP_RESTORE_FAILED');
        }
        finishRestore(dataDir);
        this.#chosen = null;
        return { backupCreatedAt: staged.manifest.createdAt, schemaVersion: staged.manifest.schemaVersion };
      } finally {
        staged.dbKey.fill(0);
      }
    };
    return this.#track(work()).finally(() => {
      currentKey?.fill(0);
      this.#end(task);
    });
  }

  // ── the task and its lifecycle ──────────────────────────────────────────────────────────────────────

  #begin(kind: BackupTask['kind'], phase: BackupPhase): RunningTask {
    if (this.#task || this.#closed) throw new DomainError('BACKUP_BUSY');
    const task: RunningTask = {
      state: { kind, phase, done: 0, total: null, cancellable: true },
      abort: new AbortController(),
    };
    this.#task = task;
    return task;
  }

  #progress(phase: BackupPhase, done: number, total: number | null): void {
    if (this.#task) this.#task.state = { ...this.#task.state, phase, done, total };
  }

  #end(task: RunningTask): void {
    if (this.#task === task) this.#task = null;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.catch(() => undefined);
    this.#running = tracked;
    return work;
  }

  /** The desk was unlocked: the first daily check comes soon. */
  unlocked(): void {
    if (!this.#closed) this.#schedule(this.#options.firstCheckDelayMs ?? FIRST_CHECK_MS);
  }

  /** The desk is locking: no more checks; a backup in flight is cancelled and awaited (not a restore). */
  async locking(): Promise<void> {
    this.#clearTimer();
    if (this.#task?.state.kind === 'backup') {
      this.#task.abort.abort();
      await this.#running;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.locking();
  }

  #schedule(delayMs: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    await this.runDailyIfDue();
    if (this.#ctx.session.current && !this.#closed && !this.#timer) {
      this.#schedule(this.#options.checkIntervalMs ?? CHECK_INTERVAL_MS);
    }
  }
}
