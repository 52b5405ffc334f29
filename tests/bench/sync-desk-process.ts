/*
 * The sync benchmark's desk in its own process (forked by sync-process.ts), as the desk's main process
 * runs it: the enrolled desk store opened with its key, SyncService.runNow() on the parent's word. Its
 * resident set size is sampled every 50 ms and its CPU time taken around the run, so the benchmark can
 * say what the desk's side costs per change apart from the county's.
 */
import { openStore } from '../../src/main/desk/store';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';

export interface DeskStartMessage {
  dir: string;
  /** The desk database key, hex. */
  dbKey: string;
}

export interface DeskRunAnswer {
  /** Seconds runNow() took (every receipt back and applied). */
  seconds: number;
  /** Peak RSS during the run, bytes; CPU time of the run (user + system), microseconds. */
  rss: number;
  /** RSS just before the run (the store open, every module loaded), bytes. */
  rssAtStart: number;
  cpu: number;
  error: string | null;
  pendingChanges: number;
}

async function main(start: DeskStartMessage): Promise<void> {
  const store = await openStore(start.dir, Buffer.from(start.dbKey, 'hex'));
  const service = new SyncService(storeSyncHost({ db: store.db, dataDir: start.dir }));
  process.once('message', () => {
    void (async () => {
      const rssAtStart = process.memoryUsage.rss();
      let peak = rssAtStart;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
      const cpu = process.cpuUsage();
      const began = performance.now();
      const status = await service.runNow();
      const seconds = (performance.now() - began) / 1000;
      const used = process.cpuUsage(cpu);
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      await service.close();
      await store.close();
      const answer: DeskRunAnswer = {
        seconds,
        rss: peak,
        rssAtStart,
        cpu: used.user + used.system,
        error: status.lastError?.code ?? null,
        pendingChanges: status.pendingChanges,
      };
      process.send?.(answer);
      process.disconnect();
    })();
  });
  process.send?.({ ready: true });
}

process.once('message', (start: DeskStartMessage) => {
  main(start).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
