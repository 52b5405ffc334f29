import { request as httpsRequest, createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault-injecting HTTPS proxy between a desk and the county server, for the sync fault tests. It holds
 * the county's own TLS identity (so the desk's certificate pin still matches) and forwards each request
 * to the real server over TLS, or does one of these to it instead:
 *   - 'drop-mid-body'  — reads part of the request body, then cuts the connection (nothing forwarded);
 *   - 'drop-response'  — forwards the whole request, the server stores it, then the answer is lost;
 *   - 'error-500'      — answers 500 without forwarding;
 *   - 'delay'          — waits, then forwards;
 *   - 'duplicate'      — forwards the same request twice at once (a retried delivery racing itself).
 * Which fault applies to the n-th request (0-based) is the plan's choice; `counts` says what happened.
 */
export const FAULTS = ['pass', 'drop-mid-body', 'drop-response', 'error-500', 'delay', 'duplicate'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxyOptions {
  /** The county's certificate and key, presented to the desk. */
  certPem: string;
  keyPem: string;
  /** The real county server (127.0.0.1); its certificate is trusted by pin, like the desk does. */
  upstreamPort: number;
  plan: (index: number) => Fault;
  delayMs?: number;
}

export interface FaultProxy {
  port: number;
  url: string;
  counts: Record<Fault, number>;
  /** Upstream answers seen, by status code (duplicates count twice). */
  upstreamStatuses: Map<number, number>;
  setUpstreamPort(port: number): void;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let upstreamPort = options.upstreamPort;
  let index = 0;
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const upstreamStatuses = new Map<number, number>();
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${upstreamPort}`, 'content-length': body.length };
      const out = httpsRequest(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: req.method,
          path: req.url,
          headers,
          ca: [options.certPem],
          // The pin is the certificate itself (ca above); the host name is irrelevant in this test network.
          checkServerIdentity: () => undefined,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            upstreamStatuses.set(status, (upstreamStatuses.get(status) ?? 0) + 1);
            resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const reply = (res: ServerResponse, upstream: Upstream): void => {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'date', 'retry-after', 'cache-control']) {
      const value = upstream.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    res.writeHead(upstream.status, { ...headers, 'content-length': upstream.body.length });
    res.end(upstream.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const fault = options.plan(index);
    index += 1;
    counts[fault] += 1;
    if (fault === 'drop-mid-body') {
      // Wait for the first chunk of the body (or its end, for an empty one), then cut the connection.
      await new Promise<void>((resolve) => {
        req.once('data', () => resolve());
        req.once('end', () => resolve());
      });
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    switch (fault) {
      case 'error-500':
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'INTERNAL', reason: 'injected' }));
        return;
      case 'drop-response':
        await forward(req, body);
        req.socket.destroy();
        return;
      case 'delay':
        await new Promise((r) => setTimeout(r, options.delayMs ?? 300));
        reply(res, await forward(req, body));
        return;
      case 'duplicate': {
        const [, second] = await Promise.all([forward(req, body), forward(req, body)]);
        reply(res, second);
        return;
      }
      case 'pass':
        reply(res, await forward(req, body));
        return;
    }
  };

  const server: Server = createServer({ cert: options.certPem, key: options.keyPem }, (req, res) => {
    handle(req, res).catch(() => {
      // Upstream down (killed county): the desk sees a cut connection, as it would for real.
      req.socket.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    counts,
    upstreamStatuses,
    setUpstreamPort(next: number) {
      upstreamPort = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
