/*
 * The search benchmark's index rebuild in a process of its own (forked by search.ts), as the desk's main
 * process meets it: a fresh process opens the store and rebuilds the index, and nothing the benchmark's
 * seeding allocated counts in its memory. Peak RSS and heapUsed are sampled every 50 ms by a timer and
 * at every progress report; on Linux the kernel's high-water mark (VmHWM) is read as well, which misses
 * nothing between samples.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openStore } from '../../src/main/desk/store';
import { rebuildSearchIndex } from '../../src/main/search/search-index';

export interface RebuildStartMessage {
  dir: string;
  dbKeyHex: string;
}

export interface RebuildAnswer {
  cases: number;
  seconds: number;
  /** CPU time of the process during the rebuild (user + system): the machine may be shared. */
  cpuSeconds: number;
  /** Just before the rebuild, the store open. */
  before: { rss: number; heapUsed: number };
  peak: { rss: number; heapUsed: number; hwm: number | null };
  /** Timer and progress samples taken during the rebuild. */
  samples: number;
  /** Progress reports the rebuild made, and the longest gap between two (the event loop is free between). */
  progress: number;
  longestGapMs: number;
  error?: string;
}

export const SAMPLE_MS = 50;

/** The kernel's peak RSS of this process since the last reset (Linux), in bytes; null elsewhere. */
function highWaterMark(): number | null {
  if (!existsSync('/proc/self/status')) return null;
  const kib = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kib ? Number(kib) * 1024 : null;
}

async function rebuild(start: RebuildStartMessage): Promise<RebuildAnswer> {
  const store = await openStore(start.dir, Buffer.from(start.dbKeyHex, 'hex'));
  try {
    const before = process.memoryUsage();
    try {
      writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
    } catch {
      // Not Linux, or not allowed: the samples only.
    }
    const peak = { rss: before.rss, heapUsed: before.heapUsed };
    let samples = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      samples++;
    };
    const timer = setInterval(sample, SAMPLE_MS);
    let progress = 0;
    let longestGapMs = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let last = t0;
    const cases = await store.db.transaction().execute((trx) =>
      rebuildSearchIndex(trx, {
        onProgress: () => {
          const now = performance.now();
          longestGapMs = Math.max(longestGapMs, now - last);
          last = now;
          progress++;
          sample();
        },
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    sample();
    return {
      cases,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      before: { rss: before.rss, heapUsed: before.heapUsed },
      peak: { ...peak, hwm: highWaterMark() },
      samples,
      progress,
      longestGapMs,
    };
  } finally {
    await store.close();
  }
}

process.once('message', (start: RebuildStartMessage) => {
  rebuild(start)
    .then((answer) => process.send?.(answer, () => process.exit(0)))
    .catch((e: unknown) => {
      process.send?.({ error: e instanceof Error ? e.message : String(e) }, () => process.exit(1));
    });
});
