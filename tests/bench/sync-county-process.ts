/*
 * The sync benchmark's county in its own process (forked by sync-process.ts): the real county server
 * (HTTPS on 127.0.0.1, production rate limits, the real ingestor) on the database it is told to open,
 * answering the parent's requests over the IPC channel. Its raw TCP bytes are counted (TLS records
 * included), its resident set size is sampled every 50 ms and its CPU time is taken from 'reset' to 'idle'.
 */
import { openCountyStore, type CountyDatabaseConfig } from '../../src/server/store/store';
import type { CountyKeys } from '../../src/server/county/keys';
import type { TlsIdentity } from '../../src/server/county/tls';
import { startBenchCounty } from './sync-wire';

export interface CountyStartMessage {
  config: CountyDatabaseConfig;
  keys: CountyKeys;
  tls: TlsIdentity;
}

export type CountyRequest = { id: number; op: 'code' | 'reset' | 'idle' | 'stop' };

export interface CountyAnswer {
  id: number;
  code?: string;
  /** 'idle': the county's wire totals, peak RSS and CPU time (user + system, µs) since the last reset. */
  wire?: { in: number; out: number };
  rss?: number;
  cpu?: number;
  error?: string;
}

function send(message: unknown): void {
  process.send?.(message);
}

async function main(start: CountyStartMessage): Promise<void> {
  const store = await openCountyStore(start.config);
  const county = await startBenchCounty(store, start.keys, start.tls);
  let peak = 0;
  let cpu = process.cpuUsage();
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(sample, 50);
  process.on('message', (request: CountyRequest) => {
    const answer = async (): Promise<CountyAnswer> => {
      switch (request.op) {
        case 'code':
          return { id: request.id, code: await county.enrolmentCode() };
        case 'reset':
          county.wire.reset();
          peak = process.memoryUsage.rss();
          cpu = process.cpuUsage();
          return { id: request.id };
        case 'idle': {
          await county.running.ingestor.idle();
          sample();
          const used = process.cpuUsage(cpu);
          return { id: request.id, wire: county.wire.totals(), rss: peak, cpu: used.user + used.system };
        }
        case 'stop':
          clearInterval(timer);
          await county.running.stop();
          await store.close();
          return { id: request.id };
      }
    };
    answer()
      .then((a) => {
        send(a);
        if (request.op === 'stop') process.disconnect();
      })
      .catch((e: unknown) => send({ id: request.id, error: e instanceof Error ? e.name : 'failed' }));
  });
  send({ id: 0, code: county.url });
}

process.once('message', (start: CountyStartMessage) => {
  main(start).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
});
