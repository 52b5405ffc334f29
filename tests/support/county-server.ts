import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCounty, type RunningCounty } from '../../src/server/http/county-server';
import { createEnrolmentCode } from '../../src/server/enrolment/enrol';
import type { Ingestor } from '../../src/server/ingest/ingest';
import { generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import type { RateLimit } from '../../src/server/http/rate-limit';
import type { UploadLimits } from '../../src/server/http/upload-slots';
import { openCountyStore, type CountyDatabaseConfig, type CountyStore } from '../../src/server/store/store';
import { generateTlsIdentity, type TlsIdentity } from '../../src/server/county/tls';
import { createTestCountyDatabase, type CountyTestDialect } from './county-db';

/*
 * A real county server for tests: HTTPS on 127.0.0.1 with a fresh self-signed certificate, fresh county
 * keys, a fresh database of either dialect, the real ingestor. restart() is what an operator's restart
 * looks like from outside: connections cut, the database closed and opened again (same file or same
 * PostgreSQL database), same keys, same certificate, same port.
 */
export interface TestCounty {
  /** The directory holding the SQLite file (and whatever the test puts there). */
  dir: string;
  /** https://127.0.0.1:PORT — what an enrolment code carries. */
  url: string;
  port: number;
  tlsFingerprint: string;
  /** The certificate a desk pins after enrolment (PEM). */
  tlsCertPem: string;
  tls: TlsIdentity;
  /** The current store and ingestor (new objects after restart()). */
  readonly store: CountyStore;
  keys: CountyKeys;
  readonly ingestor: Ingestor;
  /** The running HTTPS server (e.g. to watch its connections). */
  readonly server: Server;
  /** A one-time enrolment code for a station, valid 7 days from now. */
  enrol(station: string): Promise<string>;
  /** Stops the server and closes the database; removes the temp dir if this helper made it. */
  stop(): Promise<void>;
  /** Same dir, same port, same keys and certificate; in-flight connections are cut. */
  restart(): Promise<void>;
}

export interface TestCountyOptions {
  dir?: string;
  dialect?: CountyTestDialect;
  rateLimit?: RateLimit;
  enrolRateLimit?: RateLimit;
  addressRateLimit?: RateLimit;
  uploadLimits?: UploadLimits;
  bodyTimeoutMs?: number;
  now?: () => Date;
  /** The certificate's "now" (default: real time), e.g. to stand for a desk clock days off. */
  tlsNow?: Date;
}

/** Generous limits: tests that are not about rate limiting must never meet them. */
const TEST_RATE_LIMIT: RateLimit = { burst: 100_000, perSecond: 100_000 };

export async function startTestCounty(options: TestCountyOptions = {}): Promise<TestCounty> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'county-server-'));
  const keys = await generateCountyKeys();
  const tls = await generateTlsIdentity({
    hosts: ['127.0.0.1', 'localhost'],
    ...(options.tlsNow ? { now: options.tlsNow } : {}),
  });
  // Encrypted at rest with the county's own database key, as `county serve` opens it.
  const database: CountyDatabaseConfig = await createTestCountyDatabase(options.dialect ?? 'sqlite', dir, {
    key: keys.databaseKey,
  });

  let store = await openCountyStore(database);
  let running: RunningCounty | undefined;
  const start = async (port: number) => {
    running = await startCounty({
      store,
      keys,
      tls,
      host: '127.0.0.1',
      port,
      rateLimit: options.rateLimit ?? TEST_RATE_LIMIT,
      enrolRateLimit: options.enrolRateLimit ?? TEST_RATE_LIMIT,
      addressRateLimit: options.addressRateLimit ?? TEST_RATE_LIMIT,
      ...(options.uploadLimits ? { uploadLimits: options.uploadLimits } : {}),
      ...(options.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: options.bodyTimeoutMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return running;
  };
  let first: RunningCounty;
  try {
    first = await start(0);
  } catch (e) {
    await store.close();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const port = first.port;
  const url = `https://127.0.0.1:${port}`;

  const halt = async () => {
    const current = running;
    running = undefined;
    if (current) await current.kill();
    await store.close();
  };

  return {
    dir,
    url,
    port,
    tlsFingerprint: tls.fingerprint,
    tlsCertPem: tls.certPem,
    tls,
    get store() {
      return store;
    },
    keys,
    get ingestor() {
      if (!running) throw new Error('the test county is stopped');
      return running.ingestor;
    },
    get server() {
      if (!running) throw new Error('the test county is stopped');
      return running.server;
    },
    async enrol(station: string) {
      const now = options.now?.() ?? new Date();
      const { code } = await createEnrolmentCode(store, {
        station,
        url,
        tlsFingerprint: tls.fingerprint,
        now,
      });
      return code;
    },
    async stop() {
      await halt();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      store = await openCountyStore(database);
      await start(port);
    },
  };
}

export interface PinnedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTPS request the way a desk makes it after enrolment: the pinned certificate as the only CA and a
 * server-identity check that compares the certificate's SHA-256 (not the host name) with the pin.
 */
export function pinnedRequest(
  url: string,
  pin: { certPem: string; fingerprint: string },
  init: { method?: string; body?: Uint8Array | string; headers?: Record<string, string> } = {},
): Promise<PinnedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        ca: [pin.certPem],
        agent: false,
        headers: init.headers,
        checkServerIdentity: (_host, cert) => {
          const seen = createHash('sha256').update(cert.raw).digest('hex');
          return seen === pin.fingerprint
            ? undefined
            : new Error('certificate fingerprint differs from the pin');
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
