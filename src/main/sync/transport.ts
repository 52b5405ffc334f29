import { createHash, X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request, type RequestOptions } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { DomainError } from '../../shared/errors';
import {
  ENROLMENT_PATH,
  enrolResponseSchema,
  type EnrolRequest,
  type EnrolResponse,
  parseSignedReceipt,
  type SignedReceipt,
} from '../../shared/sync';
import type { Clock } from '../desk';

/*
 * The desk's HTTPS client (node:https, main process only). The county's certificate is self-signed and
 * pinned by its SHA-256 (DER); the pin, not a CA, is the trust anchor:
 * - first contact (enrolment): the code carries the pin; the certificate itself (PEM) is then kept by
 *   the caller;
 * - every later request: the fingerprint pinned at enrolment.
 * Either way rejectUnauthorized is off and the peer certificate (whose key the server proved it holds in
 * the handshake) is compared with the pin on 'secureConnect', before a single request byte is written.
 * The host name is not checked (the county may be reached by any address; the certificate is what
 * counts), and neither are the certificate's validity dates: they would be read against the desk's own
 * clock, and a desk whose clock is days off must still deliver (docs/sync-format.md "Clock skew"). A
 * certificate that really expired is still the pinned one; replacing it means enrolling again.
 * Every response's Date header is compared with the desk's clock: a difference over maxSkewMinutes is a
 * warning the caller shows (clockSkewMinutes), never a failure — receipts are verified by signature, not
 * by time. Failures become DomainError SYNC_* codes whose meta holds only codes and numbers (never a body,
 * a host name or a path).
 */

export interface TransportOptions {
  /** TCP connect + TLS handshake (default 10 s). */
  connectTimeoutMs?: number;
  /** The whole exchange, from request to the last response byte (default 60 s). */
  requestTimeoutMs?: number;
  /** Larger responses are cut off (default 64 KiB: receipts and enrolment answers are small). */
  maxResponseBytes?: number;
  /** |desk clock − server Date| above this is reported as clock skew, a warning (default 5). */
  maxSkewMinutes?: number;
}

const DEFAULTS: Required<TransportOptions> = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxResponseBytes: 64 * 1024,
  maxSkewMinutes: 5,
};

/** The county server as pinned at enrolment. */
export interface PinnedServer {
  url: string;
  certificatePem: string;
  fingerprint: string;
}

/** Hex SHA-256 of a certificate's DER: what enrolment codes and sync_link carry. */
export function derFingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** The peer certificate's DER once the handshake is done; null before (Node answers {} or null then). */
function peerDer(socket: TLSSocket): Buffer | null {
  const cert = socket.getPeerCertificate() as Partial<PeerCertificate> | null;
  return cert?.raw ?? null;
}

function pemOf(der: Buffer): string {
  return new X509Certificate(der).toString();
}

type TlsMode =
  | { kind: 'first-contact'; fingerprint: string; certificate: { pem: string | null } }
  | { kind: 'pinned'; server: PinnedServer; agent: Agent };

interface Exchange {
  method: 'PUT' | 'POST';
  path: string;
  body: Uint8Array;
  contentType: string;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Desk clock − server Date in whole minutes when over maxSkewMinutes either way; else null. */
  skewMinutes: number | null;
}

const unreachable = (cause: string) => new DomainError('SYNC_UNREACHABLE', { cause });

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,60}$/.test(code) ? code : 'NETWORK';
}

function networkFailure(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return unreachable(errorCode(e));
}

/** The county's JSON error code, if the body is one ({error: 'CODE', …}); never echoes anything else. */
function countyErrorCode(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    const code = (parsed as { error?: unknown } | null)?.error;
    return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

/** Maps a non-200 answer of the county to the desk's error (docs/architecture.md "Sync on the desk"). */
export function countyFailure(answer: Pick<Answer, 'status' | 'body' | 'headers'>): DomainError {
  const { status } = answer;
  const code = countyErrorCode(answer.body);
  if (status === 429) {
    const retryAfter = Number(answer.headers['retry-after']);
    return new DomainError(
      'SYNC_RATE_LIMITED',
      Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {},
    );
  }
  // The county says its copy of this desk's key is damaged: not the network; only the county can mend it.
  if (status === 500 && code === 'DEVICE_KEY_CORRUPT')
    return new DomainError('SYNC_REJECTED', { reason: code });
  if (status < 400 || status >= 500) return unreachable(`HTTP_${status}`);
  if (status === 401 && code === 'UNKNOWN_DEVICE') return new DomainError('SYNC_DEVICE_UNKNOWN');
  if (status === 422 && code === 'WRONG_COUNTY_KEY') return new DomainError('SYNC_COUNTY_KEY_CHANGED');
  if (status === 403 && code === 'ENROLMENT_REFUSED') return new DomainError('SYNC_ENROLMENT_REFUSED');
  // `county revoke --device`: this desk may send nothing more; only the county office can say why.
  if (status === 403 && code === 'DEVICE_REVOKED') return new DomainError('SYNC_DEVICE_REVOKED');
  return new DomainError('SYNC_REJECTED', { reason: code ?? `HTTP_${status}` });
}

/** Desk clock − the answer's Date, in whole minutes, when more than maxMinutes off; null otherwise. */
export function clockSkew(headers: IncomingHttpHeaders, clock: Clock, maxMinutes: number): number | null {
  const date = headers.date ? Date.parse(headers.date) : Number.NaN;
  if (!Number.isFinite(date)) return null;
  const minutes = (clock.now().getTime() - date) / 60_000;
  return Math.abs(minutes) > maxMinutes ? Math.round(minutes) : null;
}

function hostOf(url: URL): string {
  // URL keeps the brackets of an IPv6 literal; the socket wants the bare address.
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** One request/response over the pinned connection. Resolves with any status; rejects with DomainError. */
function exchange(
  baseUrl: string,
  mode: TlsMode,
  ex: Exchange,
  clock: Clock,
  options: Required<TransportOptions>,
  signal?: AbortSignal,
): Promise<Answer> {
  const url = new URL(baseUrl);
  // The pin is checked on 'secureConnect' below, for both modes (see the top of this file).
  const tls: RequestOptions = {
    rejectUnauthorized: false,
    agent: mode.kind === 'first-contact' ? false : mode.agent,
  };
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (error: DomainError | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else if (answer) {
        resolve(answer);
      }
    };
    const onAbort = () => finish(unreachable('ABORTED'));
    const req = request(
      {
        ...tls,
        host: hostOf(url),
        port: url.port === '' ? 443 : Number(url.port),
        method: ex.method,
        path: ex.path,
        headers: {
          'Content-Type': ex.contentType,
          'Content-Length': ex.body.length,
          Accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) finish(unreachable('RESPONSE_TOO_LARGE'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          finish(null, {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            skewMinutes: clockSkew(res.headers, clock, options.maxSkewMinutes),
          });
        });
        res.on('error', (e) => finish(networkFailure(e)));
        res.on('close', () => {
          if (!res.complete) finish(unreachable('RESPONSE_ABORTED'));
        });
      },
    );
    req.on('error', (e) => finish(networkFailure(e)));
    timers.push(
      setTimeout(() => finish(unreachable('CONNECT_TIMEOUT')), options.connectTimeoutMs),
      setTimeout(() => finish(unreachable('TIMEOUT')), options.requestTimeoutMs),
    );
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort);

    req.on('socket', (socket) => {
      const tlsSocket = socket as TLSSocket;
      // Nothing is written before this: the peer certificate is compared with the pin first — so not a
      // byte of the request reaches a server that is not the pinned county.
      const connected = () => {
        clearTimeout(timers[0]);
        const der = peerDer(tlsSocket);
        const pin = mode.kind === 'first-contact' ? mode.fingerprint : mode.server.fingerprint;
        if (!der || derFingerprint(der) !== pin) {
          finish(new DomainError('SYNC_CERTIFICATE_MISMATCH'));
          return;
        }
        if (mode.kind === 'first-contact') mode.certificate.pem = pemOf(der);
        req.end(Buffer.from(ex.body.buffer, ex.body.byteOffset, ex.body.byteLength));
      };
      // A kept-alive socket has finished its handshake (it was compared then); a new one has not.
      if (peerDer(tlsSocket)) connected();
      else tlsSocket.once('secureConnect', connected);
    });
  });
}

/**
 * Enrolment's single request over a first-contact connection: the code's pin is checked before the
 * secret leaves. Returns the county's answer, the certificate to pin from now on and the clock skew seen
 * (a warning, as for batches: the county checks the code's expiry on its own clock).
 */
export async function postEnrolment(
  serverUrl: string,
  tlsFingerprint: string,
  body: EnrolRequest,
  clock: Clock,
  options: TransportOptions = {},
): Promise<{ response: EnrolResponse; certificatePem: string; clockSkewMinutes: number | null }> {
  const opts = { ...DEFAULTS, ...options };
  const mode: TlsMode = { kind: 'first-contact', fingerprint: tlsFingerprint, certificate: { pem: null } };
  const answer = await exchange(
    serverUrl,
    mode,
    {
      method: 'POST',
      path: ENROLMENT_PATH,
      body: Buffer.from(JSON.stringify(body), 'utf8'),
      contentType: 'application/json',
    },
    clock,
    opts,
  );
  if (answer.status !== 200) throw countyFailure(answer);
  const pem = mode.certificate.pem;
  if (!pem) throw new DomainError('SYNC_CERTIFICATE_MISMATCH');
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new DomainError('SYNC_REJECTED', { reason: 'BAD_ENROLMENT_RESPONSE' });
  }
  const response = enrolResponseSchema.safeParse(parsed);
  if (!response.success) throw new DomainError('SYNC_REJECTED', { reason: 'BAD_ENROLMENT_RESPONSE' });
  return { response: response.data, certificatePem: pem, clockSkewMinutes: answer.skewMinutes };
}

/**
 * Batch delivery over the pinned certificate, one kept-alive connection per transport (a sync run
 * makes one and closes it). `signal` aborts the exchange in flight (the desk is locking).
 */
export class SyncTransport {
  readonly #server: PinnedServer;
  readonly #clock: Clock;
  readonly #options: Required<TransportOptions>;
  // No TLS session resumption: every new connection does a full handshake with the certificate checked
  // against the pin (a resumed session has no peer certificate to compare).
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1, maxCachedSessions: 0 });
  readonly #signal: AbortSignal | undefined;
  #skew: number | null | undefined;

  constructor(server: PinnedServer, clock: Clock, options: TransportOptions = {}, signal?: AbortSignal) {
    this.#server = server;
    this.#clock = clock;
    this.#options = { ...DEFAULTS, ...options };
    this.#signal = signal;
  }

  /** PUT one envelope; resolves with the county's signed receipt (not yet verified: applyReceipt does). */
  async putBatch(address: { device: string; epoch: number; seq: number }, envelope: Uint8Array) {
    const answer = await exchange(
      this.#server.url,
      { kind: 'pinned', server: this.#server, agent: this.#agent },
      {
        method: 'PUT',
        path: `/v1/devices/${address.device}/batches/${address.epoch}/${address.seq}`,
        body: envelope,
        contentType: 'application/octet-stream',
      },
      this.#clock,
      this.#options,
      this.#signal,
    );
    this.#skew = answer.skewMinutes;
    if (answer.status !== 200) throw countyFailure(answer);
    let signed: SignedReceipt;
    try {
      signed = parseSignedReceipt(answer.body.toString('utf8'));
    } catch {
      // Something answered 200 that is not the county (a captive portal, a broken proxy).
      throw unreachable('BAD_RECEIPT');
    }
    return signed;
  }

  /**
   * What the last answer's Date said about the desk's clock: minutes the desk is ahead (negative:
   * behind) when over maxSkewMinutes, null when within; undefined before any answer came.
   */
  get clockSkewMinutes(): number | null | undefined {
    return this.#skew;
  }

  close(): void {
    this.#agent.destroy();
  }
}
