/*
 * The sync benchmark's plumbing: a county server whose raw TCP bytes are counted (TLS records included),
 * and the baseline — the same envelope bytes sent one after another over one kept-alive connection to a
 * handler that reads the body and answers 200, nothing else.
 */
import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest, createServer as createHttpsServer, Agent as HttpsAgent } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { startCounty, type RunningCounty } from '../../src/server/http/county-server';
import { createEnrolmentCode } from '../../src/server/enrolment/enrol';
import type { CountyKeys } from '../../src/server/county/keys';
import type { CountyStore } from '../../src/server/store/store';
import type { TlsIdentity } from '../../src/server/county/tls';

/** Bytes through the server's sockets (raw TCP: with TLS, the records) since the last reset. */
export class WireCounter {
  readonly #sockets = new Set<Socket>();
  #baseIn = 0;
  #baseOut = 0;

  watch(server: Server): void {
    server.on('connection', (socket: Socket) => this.#sockets.add(socket));
  }

  totals(): { in: number; out: number } {
    let read = 0;
    let written = 0;
    for (const s of this.#sockets) {
      read += s.bytesRead;
      written += s.bytesWritten;
    }
    return { in: read - this.#baseIn, out: written - this.#baseOut };
  }

  reset(): void {
    const now = this.totals();
    this.#baseIn += now.in;
    this.#baseOut += now.out;
  }
}

export interface BenchCounty {
  url: string;
  running: RunningCounty;
  wire: WireCounter;
  enrolmentCode(): Promise<string>;
}

/** The real county server (HTTPS on 127.0.0.1, production rate limits, the real ingestor). */
export async function startBenchCounty(
  store: CountyStore,
  keys: CountyKeys,
  tls: TlsIdentity,
): Promise<BenchCounty> {
  const running = await startCounty({ store, keys, tls, host: '127.0.0.1', port: 0 });
  const wire = new WireCounter();
  wire.watch(running.server);
  const url = `https://127.0.0.1:${running.port}`;
  return {
    url,
    running,
    wire,
    async enrolmentCode() {
      const created = await createEnrolmentCode(store, {
        station: '城关镇',
        url,
        tlsFingerprint: tls.fingerprint,
        now: new Date(),
      });
      return created.code;
    },
  };
}

export interface BaselineResult {
  seconds: number;
  wire: { in: number; out: number };
}

/** POST every body in order over one kept-alive connection to a no-op handler; HTTPS if `tls` is given. */
export async function noopBaseline(
  bodies: readonly Uint8Array[],
  tls?: TlsIdentity,
): Promise<BaselineResult> {
  const answer = Buffer.from('{"ok":true}');
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': answer.length });
      res.end(answer);
    });
  };
  const server: Server = tls
    ? createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, handler)
    : createServer(handler);
  const wire = new WireCounter();
  wire.watch(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = tls
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: [tls.certPem] })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const send = tls ? httpsRequest : httpRequest;
  const post = (body: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      const req = send(
        {
          host: '127.0.0.1',
          port,
          path: '/noop',
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('baseline failed'))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const start = performance.now();
  for (const body of bodies) await post(body);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { seconds, wire: wire.totals() };
}
