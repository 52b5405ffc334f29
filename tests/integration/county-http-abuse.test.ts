// The county's HTTPS face under abuse (docs/county-server.md "HTTP limits"), over real TLS on loopback: an
// attacker on 127.0.0.2 floods uploads for random device ids with 16 MiB bodies and trickles several slow
// 16 MiB bodies for an enrolled device, while a real desk on 127.0.0.1 syncs. The desk's run and a health
// check complete; the server reads almost nothing of the attacker's bodies (bytes read per socket, counted
// on the raw TCP sockets, stay far below what was sent), so its memory stays bounded.
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCounty, pinnedRequest, type TestCounty } from '../support/county-server';
import { enrolDesk, makeChanges, openSyncDesk, type SyncTestDesk } from '../support/desk-sync-fixture';

const ATTACKER = '127.0.0.2';
const MiB = 1024 * 1024;
const BODY = 16 * MiB;
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

interface Outcome {
  status: number | null;
  retryAfter: string | null;
  error: string | null;
  sent: number;
}

/**
 * One upload from the attacker's address: headers announcing a 16 MiB body, then the body as fast as the
 * socket takes it (`fast`) or 16 KiB every 100 ms (`slow`). An attacker does not stop at the answer: it
 * keeps sending until the server cuts the connection (or the whole body is out).
 */
function upload(port: number, device: string, pace: 'fast' | 'slow'): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { status: null, retryAfter: null, error: null, sent: 0 };
    let done = false;
    const req = request({
      host: '127.0.0.1',
      port,
      localAddress: ATTACKER,
      method: 'PUT',
      path: `/v1/devices/${device}/batches/1/1`,
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': BODY },
      rejectUnauthorized: false,
      agent: false,
    });
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy();
      resolve(outcome);
    };
    req.on('response', (res) => {
      outcome.status = res.statusCode ?? 0;
      outcome.retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null;
      res.resume();
      res.on('error', finish);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      outcome.error = e.code ?? 'ERROR';
      finish();
    });
    req.on('close', finish);
    const pump = () => {
      if (done) return;
      if (outcome.sent >= BODY) {
        req.end();
        return;
      }
      const size = pace === 'fast' ? CHUNK.length : 16 * 1024;
      const chunk = CHUNK.subarray(0, Math.min(size, BODY - outcome.sent));
      outcome.sent += chunk.length;
      const more = req.write(chunk);
      if (pace === 'slow') setTimeout(pump, 100);
      else if (more) setImmediate(pump);
      else req.once('drain', pump);
    };
    req.on('socket', (socket) => socket.once('secureConnect', pump));
  });
}

/** Runs `tasks` with at most `width` at once. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

describe('county HTTP under abuse', () => {
  let county: TestCounty;
  let d: SyncTestDesk;
  /** Raw bytes the server read from each attacker connection (counted when the socket closes). */
  const attackerReads: number[] = [];

  beforeAll(async () => {
    county = await startTestCounty({
      // Barely refilling, so the flood meets the limit however slowly this machine runs it.
      addressRateLimit: { burst: 60, perSecond: 0.01 },
      uploadLimits: { total: 8, perAddress: 2 },
      bodyTimeoutMs: 3_000,
    });
    county.server.on('connection', (socket: Socket) => {
      if (socket.remoteAddress !== ATTACKER) return;
      socket.on('close', () => attackerReads.push(socket.bytesRead));
    });
    d = await openSyncDesk();
  });
  afterAll(async () => {
    await d.cleanup();
    await county.stop();
  });

  it('a flood of unknown devices and slow 16 MiB bodies: the desk still syncs, nothing is buffered', async () => {
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    await makeChanges(d.desk, 3);

    // Slow bodies for an enrolled device (device ids are not secret): two hold the attacker's two slots
    // until the body timeout, the other two are turned away at once.
    const slow = Promise.all(Array.from({ length: 4 }, () => upload(county.port, device, 'slow')));
    const flood = pool(
      Array.from({ length: 150 }, () => () => upload(county.port, randomUUID(), 'fast')),
      10,
    );

    // Meanwhile the desk on 127.0.0.1: a health check and a whole sync run.
    const pin = { certPem: county.tlsCertPem, fingerprint: county.tlsFingerprint };
    const health = await pinnedRequest(`${county.url}/health`, pin);
    expect(health.status).toBe(200);
    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });

    const [slowOutcomes, floodOutcomes] = await Promise.all([slow, flood]);

    // Refused before the body: 401 for a device nobody enrolled, 429 once the address's burst is spent.
    // (A client still writing may see its socket reset before it reads the answer.)
    const statuses = floodOutcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    expect(statuses.filter((s) => s !== null && s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);

    // Two slow bodies hold the address's two slots until they time out (408); the others find no slot
    // (503 + Retry-After) — none was read to the end.
    const slowStatuses = slowOutcomes.map((o) => o.status ?? o.error).sort();
    expect(slowStatuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
    expect(slowOutcomes.filter((o) => o.status === 503).every((o) => o.retryAfter === '5')).toBe(true);
    expect(slowOutcomes.every((o) => o.sent < BODY)).toBe(true);
    expect(slowStatuses.filter((s) => s !== 503).every((s) => s === 408 || typeof s === 'string')).toBe(true);

    // Memory bounded: what the server read from the attacker is a sliver of what was thrown at it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 154 connections announced 16 MiB each (2.4 GiB) and kept sending after the answer.
    const read = attackerReads.reduce((sum, n) => sum + n, 0);
    expect(attackerReads.length).toBeGreaterThanOrEqual(154);
    expect(Math.max(...attackerReads)).toBeLessThan(1 * MiB);
    expect(read).toBeLessThan(16 * MiB);

    // The county is still fine afterwards, and everything the desk sent arrived.
    expect((await pinnedRequest(`${county.url}/health`, pin)).status).toBe(200);
    const stored = await county.store.db
      .selectFrom('envelopes')
      .select('seq')
      .where('device', '=', device)
      .execute();
    expect(stored.length).toBe(status.history.length);
  });
});
