// The desk's HTTPS client against stand-in servers on 127.0.0.1 with real self-signed certificates: what it
// sends (nothing, to a certificate that is not the pin), and how each kind of answer maps to a SYNC_* code.
import { createServer as createHttpsServer, type Server } from 'node:https';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/app/node-platform';
import { postEnrolment, SyncTransport, type PinnedServer } from '../../src/main/sync/transport';
import { DomainError } from '../../src/shared/errors';
import { generateTlsIdentity, type TlsIdentity } from '../../src/server/county/tls';

const ADDRESS = { device: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f', epoch: 1, seq: 1 };
const ENROL = { secret: '0'.repeat(32), devicePublicKey: '1'.repeat(64) };

async function failure(promise: Promise<unknown>): Promise<{ code: string; meta: object }> {
  const e: unknown = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return { code: e.code, meta: e.meta };
}

const sockets = new Set<Socket>();

async function listen(server: Server | TcpServer): Promise<string> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('desk sync transport', () => {
  let ours: TlsIdentity;
  let other: TlsIdentity;
  const servers: (Server | TcpServer)[] = [];
  /** How the stand-in county answers the next request. */
  let answer: (res: import('node:http').ServerResponse) => void;
  let requests = 0;

  beforeAll(async () => {
    [ours, other] = await Promise.all([
      generateTlsIdentity({ hosts: [] }),
      generateTlsIdentity({ hosts: [] }),
    ]);
  });
  afterEach(async () => {
    const closing = servers.splice(0).map(close);
    for (const socket of sockets) socket.destroy();
    await Promise.all(closing);
  });

  async function standIn(identity: TlsIdentity): Promise<string> {
    requests = 0;
    const server = createHttpsServer({ cert: identity.certPem, key: identity.keyPem }, (req, res) => {
      requests += 1;
      req.resume();
      req.on('end', () => answer(res));
    });
    servers.push(server);
    return listen(server);
  }

  const pinned = (url: string, identity: TlsIdentity, fingerprint = identity.fingerprint): PinnedServer => ({
    url,
    certificatePem: identity.certPem,
    fingerprint,
  });

  it('first contact: a certificate that is not the pin gets not a single byte', async () => {
    let received = 0;
    const server = createTlsServer({ cert: other.certPem, key: other.keyPem }, (socket) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('error', () => undefined);
    });
    servers.push(server);
    const url = await listen(server);
    expect(await failure(postEnrolment(url, ours.fingerprint, ENROL, systemClock))).toEqual({
      code: 'SYNC_CERTIFICATE_MISMATCH',
      meta: {},
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toBe(0);
  });

  it('first contact with the right pin: the answer and the certificate to pin', async () => {
    const url = await standIn(ours);
    answer = (res) => res.writeHead(403).end('{"error":"ENROLMENT_REFUSED","reason":"x"}');
    expect((await failure(postEnrolment(url, ours.fingerprint, ENROL, systemClock))).code).toBe(
      'SYNC_ENROLMENT_REFUSED',
    );
    answer = (res) => res.writeHead(200).end('{"deviceId":"not a uuid"}');
    expect(await failure(postEnrolment(url, ours.fingerprint, ENROL, systemClock))).toEqual({
      code: 'SYNC_REJECTED',
      meta: { reason: 'BAD_ENROLMENT_RESPONSE' },
    });
    expect(requests).toBe(2);
  });

  it('pinned: another certificate, or the right PEM with another fingerprint, is a mismatch', async () => {
    const url = await standIn(other);
    const wrongCa = new SyncTransport(pinned(url, ours), systemClock);
    expect((await failure(wrongCa.putBatch(ADDRESS, new Uint8Array(8)))).code).toBe(
      'SYNC_CERTIFICATE_MISMATCH',
    );
    wrongCa.close();
    const wrongPin = new SyncTransport(pinned(url, other, ours.fingerprint), systemClock);
    expect((await failure(wrongPin.putBatch(ADDRESS, new Uint8Array(8)))).code).toBe(
      'SYNC_CERTIFICATE_MISMATCH',
    );
    wrongPin.close();
    expect(requests).toBe(0);
  });

  it('pinned: a certificate outside its validity at the desk clock is still the pinned one', async () => {
    // Not valid yet (a desk clock days behind a fresh certificate), and expired (ten years and a day old).
    const expiredAt = new Date(Date.now() - 86_400_000);
    expiredAt.setUTCFullYear(expiredAt.getUTCFullYear() - 10);
    for (const now of [new Date(Date.now() + 3 * 86_400_000), expiredAt]) {
      const identity = await generateTlsIdentity({ hosts: [], now });
      const url = await standIn(identity);
      answer = (res) => res.writeHead(401).end('{"error":"UNKNOWN_DEVICE"}');
      const transport = new SyncTransport(pinned(url, identity), systemClock);
      expect((await failure(transport.putBatch(ADDRESS, new Uint8Array(8)))).code).toBe(
        'SYNC_DEVICE_UNKNOWN',
      );
      transport.close();
      expect(requests).toBe(1);
    }
  });

  it('a Date header far from the desk clock is a warning the transport keeps, not a failure', async () => {
    const url = await standIn(ours);
    const transport = new SyncTransport(pinned(url, ours), systemClock);
    expect(transport.clockSkewMinutes).toBeUndefined();
    const dated = (offsetMinutes: number) => (res: import('node:http').ServerResponse) =>
      res
        .writeHead(401, { Date: new Date(Date.now() + offsetMinutes * 60_000).toUTCString() })
        .end('{"error":"UNKNOWN_DEVICE"}');
    for (const [offset, skew] of [
      [-20, 20],
      [3 * 24 * 60, -3 * 24 * 60],
      [2, null],
    ] as const) {
      answer = dated(offset);
      expect((await failure(transport.putBatch(ADDRESS, new Uint8Array(8)))).code).toBe(
        'SYNC_DEVICE_UNKNOWN',
      );
      expect(transport.clockSkewMinutes).toBe(skew);
    }
    transport.close();
  });

  it('maps the county’s answers to the desk’s codes, never echoing a body', async () => {
    const url = await standIn(ours);
    const transport = new SyncTransport(pinned(url, ours), systemClock, { maxResponseBytes: 1024 });
    const put = () => failure(transport.putBatch(ADDRESS, new Uint8Array(8)));
    const cases: [(res: import('node:http').ServerResponse) => void, { code: string; meta: object }][] = [
      [(r) => r.writeHead(401).end('{"error":"UNKNOWN_DEVICE"}'), { code: 'SYNC_DEVICE_UNKNOWN', meta: {} }],
      [
        (r) => r.writeHead(422).end('{"error":"WRONG_COUNTY_KEY"}'),
        { code: 'SYNC_COUNTY_KEY_CHANGED', meta: {} },
      ],
      [
        (r) => r.writeHead(409).end('{"error":"CONFLICT","reason":"张三"}'),
        { code: 'SYNC_REJECTED', meta: { reason: 'CONFLICT' } },
      ],
      [
        (r) => r.writeHead(400).end('<html>张三</html>'),
        { code: 'SYNC_REJECTED', meta: { reason: 'HTTP_400' } },
      ],
      [
        (r) => r.writeHead(429, { 'Retry-After': '7' }).end('{"error":"RATE_LIMITED"}'),
        { code: 'SYNC_RATE_LIMITED', meta: { retryAfterSeconds: 7 } },
      ],
      [(r) => r.writeHead(503).end(), { code: 'SYNC_UNREACHABLE', meta: { cause: 'HTTP_503' } }],
      [
        (r) => r.writeHead(200).end('not a receipt'),
        { code: 'SYNC_UNREACHABLE', meta: { cause: 'BAD_RECEIPT' } },
      ],
      [
        (r) => r.writeHead(200).end('x'.repeat(5000)),
        { code: 'SYNC_UNREACHABLE', meta: { cause: 'RESPONSE_TOO_LARGE' } },
      ],
    ];
    for (const [respond, expected] of cases) {
      answer = respond;
      expect(await put()).toEqual(expected);
    }
    transport.close();
  });

  it('timeouts: a silent server and a handshake that never comes', async () => {
    const url = await standIn(ours);
    answer = () => undefined; // never answers
    const slow = new SyncTransport(pinned(url, ours), systemClock, { requestTimeoutMs: 200 });
    expect(await failure(slow.putBatch(ADDRESS, new Uint8Array(8)))).toEqual({
      code: 'SYNC_UNREACHABLE',
      meta: { cause: 'TIMEOUT' },
    });
    slow.close();

    const mute = createTcpServer((socket) => socket.on('error', () => undefined)); // accepts, never speaks TLS
    servers.push(mute);
    const muteUrl = await listen(mute);
    const stuck = new SyncTransport(pinned(muteUrl, ours), systemClock, { connectTimeoutMs: 200 });
    expect(await failure(stuck.putBatch(ADDRESS, new Uint8Array(8)))).toEqual({
      code: 'SYNC_UNREACHABLE',
      meta: { cause: 'CONNECT_TIMEOUT' },
    });
    stuck.close();
  });
});
