import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  ENROLMENT_PATH,
  enrolRequestSchema,
  isSyncFormatError,
  type SyncFormatErrorCode,
} from '../../shared/sync';
import { redeemEnrolment } from '../enrolment';
import { isCountyError, type CountyErrorCode } from '../errors';
import type { Ingestor } from '../ingest';
import type { CountyKeys, TlsIdentity } from '../county';
import {
  DEFAULT_DEVICE_RATE_LIMIT,
  DEFAULT_ENROL_RATE_LIMIT,
  RateLimiter,
  type RateLimit,
} from './rate-limit';
import { DEFAULT_MAX_BODY_BYTES, receiveBatch, type BatchAddress } from '../receive';
import type { CountyStore } from '../store';

/**
 * The county's HTTP(S) face:
 *   PUT  /v1/devices/{device}/batches/{epoch}/{seq}  body = one envelope → 200 signed receipt (JSON)
 *   POST /v1/enrol                                   body = enrolRequest JSON → 200 enrolResponse (TLS only)
 *   GET  /health                                     → 200 {"status":"ok"}
 * Errors are JSON { error: CODE, reason } with a stable code; reasons never echo content. Every answer
 * carries a Date header from the server clock, so a desk can see its own clock is off.
 */
export interface CountyServerOptions {
  store: CountyStore;
  keys: CountyKeys;
  /** Serve HTTPS with this identity (TLS ≥ 1.2). Without it: plain HTTP and no enrolment endpoint. */
  tls?: TlsIdentity;
  /** Kicked after a batch is newly stored. */
  ingestor?: Ingestor;
  /** Largest envelope accepted; bigger bodies get 413 without being read. */
  maxBodyBytes?: number;
  /** Per device (batch uploads). */
  rateLimit?: RateLimit;
  /** Per remote address (enrolment). */
  enrolRateLimit?: RateLimit;
  now?: () => Date;
  /** Told about unexpected failures (answered 500), e.g. to log them; never given request content. */
  onInternalError?: (e: unknown) => void;
}

export const MAX_ENROL_BODY_BYTES = 4 * 1024;

const STATUS: Record<SyncFormatErrorCode | CountyErrorCode, number> = {
  MALFORMED: 400,
  UNSUPPORTED_VERSION: 400,
  UNSUPPORTED_SUITE: 400,
  INVALID_INPUT: 400,
  BAD_KEY: 400,
  DECRYPT_FAILED: 400,
  ADDRESS_MISMATCH: 400,
  BAD_SIGNATURE: 401,
  UNKNOWN_DEVICE: 401,
  // The county's own data is damaged: a server fault, also told to onInternalError for the operator.
  DEVICE_KEY_CORRUPT: 500,
  ENROLMENT_REFUSED: 403,
  CONFLICT: 409,
  WRONG_COUNTY_KEY: 422,
  SEQUENCE_GAP: 422,
  CHAIN_BROKEN: 422,
  // Found only when ingest opens a stored batch, after its receipt: never an answer to a request.
  UNKNOWN_TABLE: 422,
  // Operator-side codes never come out of a request; listed so the map stays total.
  WRONG_PASSPHRASE: 500,
  BAD_KEY_FILE: 500,
  INVALID_STATION: 500,
  BAD_CONFIG: 500,
  COUNTY_EXISTS: 500,
};

const BATCH_PATH = /^\/v1\/devices\/([0-9a-f-]{36})\/batches\/([1-9][0-9]{0,15})\/([1-9][0-9]{0,15})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${reason}`);
  }
}

interface Context {
  options: CountyServerOptions;
  devices: RateLimiter;
  enrolments: RateLimiter;
  clock: () => Date;
}

export function createCountyServer(options: CountyServerOptions): Server {
  const context: Context = {
    options,
    devices: new RateLimiter(options.rateLimit ?? DEFAULT_DEVICE_RATE_LIMIT),
    enrolments: new RateLimiter(options.enrolRateLimit ?? DEFAULT_ENROL_RATE_LIMIT),
    clock: options.now ?? (() => new Date()),
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(context, req, res).catch((e: unknown) => sendError(context, res, e));
  };
  if (!options.tls) return createServer(listener);
  // https.Server is an http.Server as far as callers go (listen, close, address, connections).
  return createHttpsServer(
    { cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' },
    listener,
  );
}

async function handle(context: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = context;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === '/health') {
    if (req.method !== 'GET') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use GET');
    send(context, res, 200, JSON.stringify({ status: 'ok' }));
    return;
  }
  if (path === ENROLMENT_PATH && options.tls) {
    await enrol(context, options.tls, req, res);
    return;
  }
  if (!path.startsWith('/v1/devices/')) throw new HttpFailure(404, 'NOT_FOUND', 'no such endpoint');
  if (req.method !== 'PUT') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use PUT');
  const address = parseAddress(path);
  limit(context.devices, address.device);
  const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const result = await receiveBatch(options.store, options.keys, address, body, { now: options.now });
  if (result.stored) options.ingestor?.kick();
  send(context, res, 200, result.text);
}

async function enrol(context: Context, tls: TlsIdentity, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use POST');
  limit(context.enrolments, req.socket.remoteAddress ?? 'unknown');
  const body = await readBody(req, MAX_ENROL_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'MALFORMED', 'body is not JSON');
  }
  const request = enrolRequestSchema.safeParse(json);
  if (!request.success) {
    const paths = request.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new HttpFailure(400, 'MALFORMED', `invalid field(s): ${[...new Set(paths)].join(', ')}`);
  }
  const { store, keys } = context.options;
  const response = await redeemEnrolment(store, keys, tls.fingerprint, request.data, context.clock());
  send(context, res, 200, JSON.stringify(response));
}

function limit(limiter: RateLimiter, key: string): void {
  const wait = limiter.take(key);
  if (wait > 0) {
    throw new HttpFailure(429, 'RATE_LIMITED', 'too many requests', { 'Retry-After': String(wait) });
  }
}

function parseAddress(path: string): BatchAddress {
  const match = BATCH_PATH.exec(path);
  const [, device = '', epoch = '', seq = ''] = match ?? [];
  const address = { device, epoch: Number(epoch), seq: Number(seq) };
  if (
    !match ||
    !UUID.test(device) ||
    !Number.isSafeInteger(address.epoch) ||
    !Number.isSafeInteger(address.seq)
  ) {
    throw new HttpFailure(400, 'MALFORMED', 'address: /v1/devices/{uuid}/batches/{epoch}/{seq}');
  }
  return address;
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.reject(new HttpFailure(413, 'TOO_LARGE', `body over ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpFailure(413, 'TOO_LARGE', `body over ${limit} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendError(context: Context, res: ServerResponse, e: unknown): void {
  let status = 500;
  let code = 'INTERNAL';
  let reason = 'internal error';
  let headers: Record<string, string> = {};
  if (e instanceof HttpFailure) {
    ({ status, code, reason, headers } = e);
  } else if (isSyncFormatError(e) || isCountyError(e)) {
    status = STATUS[e.code];
    code = e.code;
    reason = e.reason;
    if (status >= 500) context.options.onInternalError?.(e);
  } else {
    context.options.onInternalError?.(e);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A refused body may still be arriving: close the connection rather than read the rest.
  if (status === 413 || status === 429) res.setHeader('Connection', 'close');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  send(context, res, status, JSON.stringify({ error: code, reason }));
}

function send(context: Context, res: ServerResponse, status: number, json: string): void {
  const body = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    // Node adds a Date of its own; this one follows the injected clock so tests can skew it.
    Date: context.clock().toUTCString(),
  });
  res.end(body);
}
