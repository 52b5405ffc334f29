import type { ArchiveProgress } from '../../shared/archive';
import { DomainError } from '../../shared/errors';
import type { DeskContext } from '../desk';
import type { ImportCase } from '../../shared/archive';
import type { ArchiveContent } from './encoding';

/*
 * The desk's one archive job at a time (an export, or reading / applying an import), its progress for
 * 'archive.progress', its cancel switch, and the import read and waiting for the user's answer. Kept in
 * memory per desk context; a lock aborts the job, waits for it, and forgets the pending import (its
 * plaintext rows and the chosen path) — session.beforeLock.
 */

type Job = NonNullable<ArchiveProgress['job']>;

/** An import file chosen, and (after readImport) its validated content and the preview's verdicts. */
export interface PendingImport {
  userId: string;
  path: string;
  fileName: string;
  read: { content: ArchiveContent; cases: ImportCase[] } | null;
}

export class ArchiveJobs {
  #job: Job | null = null;
  #abort: AbortController | null = null;
  #running: Promise<unknown> | null = null;
  pending: PendingImport | null = null;

  constructor(ctx: DeskContext) {
    ctx.session.beforeLock(async () => {
      this.#abort?.abort();
      await this.#running?.catch(() => undefined);
      this.pending = null;
    });
  }

  progress(): ArchiveProgress {
    return { job: this.#job ? { ...this.#job } : null };
  }

  /** Runs `work` as the desk's archive job (ARCHIVE_BUSY while another runs). */
  async run<T>(kind: Job['kind'], work: (job: JobHandle) => Promise<T>): Promise<T> {
    if (this.#job) throw new DomainError('ARCHIVE_BUSY');
    const abort = new AbortController();
    this.#abort = abort;
    this.#job = { kind, phase: kind === 'export' ? 'collecting' : 'reading', done: 0, total: 0 };
    const handle: JobHandle = {
      signal: abort.signal,
      phase: (phase, total = 0) => {
        if (this.#job) this.#job = { ...this.#job, phase, done: 0, total };
      },
      advance: (done) => {
        if (this.#job) this.#job = { ...this.#job, done: Math.min(done, Math.max(this.#job.total, done)) };
      },
    };
    const running = work(handle);
    this.#running = running;
    try {
      return await running;
    } finally {
      this.#job = null;
      this.#abort = null;
      this.#running = null;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}

export interface JobHandle {
  readonly signal: AbortSignal;
  phase(phase: Job['phase'], total?: number): void;
  advance(done: number): void;
}

const jobsByDesk = new WeakMap<DeskContext, ArchiveJobs>();

/** The desk's archive jobs (made on first use, with its lock hook). */
export function archiveJobs(ctx: DeskContext): ArchiveJobs {
  let jobs = jobsByDesk.get(ctx);
  if (!jobs) {
    jobs = new ArchiveJobs(ctx);
    jobsByDesk.set(ctx, jobs);
  }
  return jobs;
}
