import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  ENROLMENT_PATH,
  enrolRequestSchema,
  isSyncFormatError,
  type SyncFormatErrorCode,
} from '../../shared/sync';
import { redeemEnrolment } from '../enrolment';
import { CountyError, isCountyError, type CountyErrorCode } from '../errors';
import type { Ingestor } from '../ingest';
import type { CountyKeys, TlsIdentity } from '../county';
import { readBody } from './body';
import { HttpFailure } from './http-failure';
import {
  DEFAULT_ADDRESS_RATE_LIMIT,
  DEFAULT_DEVICE_RATE_LIMIT,
  DEFAULT_ENROL_RATE_LIMIT,
  RateLimiter,
  type RateLimit,
} from './rate-limit';
import { DEFAULT_UPLOAD_LIMITS, UploadSlots, type UploadLimits } from './upload-slots';
import { DEFAULT_MAX_BODY_BYTES, receiveBatch, type BatchAddress } from '../receive';
import type { CountyStore } from '../store';

/**
 * The county's HTTP(S) face:
 *   PUT  /v1/devices/{device}/batches/{epoch}/{seq}  body = one envelope → 200 signed receipt (JSON)
 *   POST /v1/enrol                                   body = enrolRequest JSON → 200 enrolResponse (TLS only)
 *   GET  /health                                     → 200 {"status":"ok"}
 * Errors are JSON { error: CODE, reason } with a stable code; reasons never echo content. Every answer
 * carries a Date header from the server clock, so a desk can see its own clock is off.
 *
 * Abuse (docs/county-server.md "HTTP limits"): every request is first counted against its remote address
 * (429); an upload is then refused before a byte of its body is read when its device is not enrolled
 * (401), its device is over its rate (429), its declared length is over the limit (413) or no upload slot
 * is free (503 + Retry-After); an accepted body must arrive within bodyTimeoutMs (408). A refusal closes
 * the connection, so an unread body is dropped with the socket, never buffered.
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
  /** Per remote address, every request, before anything else. */
  addressRateLimit?: RateLimit;
  /** Uploads being read or processed at once: in all and per remote address. */
  uploadLimits?: UploadLimits;
  /** An accepted body must have arrived this long after its headers (default 120 s). */
  bodyTimeoutMs?: number;
  /** The request line and headers must have arrived this long after the connection (default 20 s). */
  headersTimeoutMs?: number;
  now?: () => Date;
  /** Told about unexpected failures (answered 500), e.g. to log them; never given request content. */
  onInternalError?: (e: unknown) => void;
}

export const MAX_ENROL_BODY_BYTES = 4 * 1024;
export const DEFAULT_BODY_TIMEOUT_MS = 120_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
/** What a 503 for a full house tells the client to wait (seconds). */
const BUSY_RETRY_AFTER_SECONDS = 5;

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
  // A revoked desk (`county revoke`): refused for good, its uploads and enrolment replays alike.
  DEVICE_REVOKED: 403,
  DATABASE_LOCKED: 500,
  UPGRADE_NEEDED: 500,
};

const BATCH_PATH = /^\/v1\/devices\/([0-9a-f-]{36})\/batches\/([1-9][0-9]{0,15})\/([1-9][0-9]{0,15})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Context {
  options: CountyServerOptions;
  addresses: RateLimiter;
  devices: RateLimiter;
  enrolments: RateLimiter;
  uploads: UploadSlots;
  clock: () => Date;
}

export function createCountyServer(options: CountyServerOptions): Server {
  const context: Context = {
    options,
    addresses: new RateLimiter(options.addressRateLimit ?? DEFAULT_ADDRESS_RATE_LIMIT),
    devices: new RateLimiter(options.rateLimit ?? DEFAULT_DEVICE_RATE_LIMIT),
    enrolments: new RateLimiter(options.enrolRateLimit ?? DEFAULT_ENROL_RATE_LIMIT),
    uploads: new UploadSlots(options.uploadLimits ?? DEFAULT_UPLOAD_LIMITS),
    clock: options.now ?? (() => new Date()),
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(context, req, res).catch((e: unknown) => sendError(context, res, e));
  };
  // https.Server is an http.Server as far as callers go (listen, close, address, connections).
  const server = options.tls
    ? createHttpsServer(
        { cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' },
        listener,
      )
    : createServer(listener);
  server.headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  return server;
}

function remoteAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

async function handle(context: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = context;
  limit(context.addresses, remoteAddress(req));
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
  // Before the body: an unknown device costs one indexed lookup, never 16 MiB of reading.
  if (!(await isEnrolled(options.store, address.device))) {
    throw new HttpFailure(401, 'UNKNOWN_DEVICE', 'device is not enrolled');
  }
  limit(context.devices, address.device);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Number(req.headers['content-length'] ?? Number.NaN) > maxBody) {
    throw new HttpFailure(413, 'TOO_LARGE', `body over ${maxBody} bytes`);
  }
  const release = context.uploads.tryAcquire(remoteAddress(req));
  if (!release) {
    throw new HttpFailure(503, 'BUSY', 'too many uploads at once', {
      'Retry-After': String(BUSY_RETRY_AFTER_SECONDS),
    });
  }
  try {
    const body = await readBody(req, maxBody, options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS);
    const result = await receiveBatch(options.store, options.keys, address, body, { now: options.now });
    if (result.stored) options.ingestor?.kick();
    send(context, res, 200, result.text);
  } finally {
    release();
  }
}

async function isEnrolled(store: CountyStore, device: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('id', '=', device)
    .executeTakeFirst();
  // A revoked desk is refused before its body too (receiveBatch refuses it again, for USB imports).
  if (row?.revoked_at) throw new CountyError('DEVICE_REVOKED', 'this device was revoked by the county');
  return row !== undefined;
}

async function enrol(context: Context, tls: TlsIdentity, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use POST');
  limit(context.enrolments, req.socket.remoteAddress ?? 'unknown');
  const body = await readBody(
    req,
    MAX_ENROL_BODY_BYTES,
    context.options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
  );
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
  if (!requestDone(res)) res.setHeader('Connection', 'close');
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

/** The whole request body has been read (only then may the connection be kept for the next request). */
function requestDone(res: ServerResponse): boolean {
  return res.req.complete;
}
