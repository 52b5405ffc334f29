import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isSyncFormatError, type SyncFormatErrorCode } from '../shared/sync';
import { isCountyError, type CountyErrorCode } from './errors';
import type { CountyKeys } from './keys';
import { receiveBatch, type BatchAddress } from './receive';
import type { CountyStore } from './store';

/**
 * The county's HTTP face (plain HTTP in this slice; TLS wraps the same handler later):
 *   PUT /v1/devices/{device}/batches/{epoch}/{seq}  body = one envelope → 200 signed receipt (JSON)
 *   GET /health                                     → 200 {"status":"ok"}
 * Errors are JSON { error: CODE, reason } with a stable code; reasons never echo content.
 */
export interface CountyServerOptions {
  store: CountyStore;
  keys: CountyKeys;
  /** Largest envelope accepted; bigger bodies get 413 without being read. */
  maxBodyBytes?: number;
  now?: () => Date;
}

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

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
  CONFLICT: 409,
  WRONG_COUNTY_KEY: 422,
  SEQUENCE_GAP: 422,
  CHAIN_BROKEN: 422,
  // Key-file codes never come out of a request; listed so the map stays total.
  WRONG_PASSPHRASE: 500,
  BAD_KEY_FILE: 500,
};

const BATCH_PATH = /^\/v1\/devices\/([0-9a-f-]{36})\/batches\/([1-9][0-9]{0,15})\/([1-9][0-9]{0,15})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

export function createCountyServer(options: CountyServerOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((e: unknown) => sendError(res, e));
  });
  return server;
}

async function handle(
  options: CountyServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === '/health') {
    if (req.method !== 'GET') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use GET');
    send(res, 200, JSON.stringify({ status: 'ok' }));
    return;
  }
  if (!path.startsWith('/v1/devices/')) throw new HttpFailure(404, 'NOT_FOUND', 'no such endpoint');
  if (req.method !== 'PUT') throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', 'use PUT');
  const address = parseAddress(path);
  const body = await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const result = await receiveBatch(options.store, options.keys, address, body, { now: options.now });
  send(res, 200, result.text);
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

function sendError(res: ServerResponse, e: unknown): void {
  let status = 500;
  let code = 'INTERNAL';
  let reason = 'internal error';
  if (e instanceof HttpFailure) {
    ({ status, code, reason } = e);
  } else if (isSyncFormatError(e) || isCountyError(e)) {
    status = STATUS[e.code];
    code = e.code;
    reason = e.reason;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A refused body may still be arriving: close the connection rather than read the rest.
  if (status === 413) res.setHeader('Connection', 'close');
  send(res, status, JSON.stringify({ error: code, reason }));
}

function send(res: ServerResponse, status: number, json: string): void {
  const body = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
