import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unlockCountyDirectory, type CountyDirectory, type CountyKeys, type TlsIdentity } from '../county';
import { createCountyServer } from './http';
import { createIngestor, type IngestOptions, type Ingestor } from '../ingest';
import type { RateLimit } from './rate-limit';
import type { UploadLimits } from './upload-slots';
import { openCountyStore, type CountyStore } from '../store';

/**
 * A running county server, assembled from its parts: used by `county serve` (parts from the county
 * directory) and by the test county (generated parts). Start order: ingest what is already stored, then
 * listen. Stop order: stop accepting, let requests in flight finish (bounded), stop ingest; the store
 * belongs to the caller.
 */
export interface CountyParts {
  store: CountyStore;
  keys: CountyKeys;
  tls: TlsIdentity;
  host: string;
  port: number;
  rateLimit?: RateLimit;
  enrolRateLimit?: RateLimit;
  addressRateLimit?: RateLimit;
  uploadLimits?: UploadLimits;
  bodyTimeoutMs?: number;
  now?: () => Date;
  onIngestError?: (e: unknown) => void;
  onInternalError?: (e: unknown) => void;
  /** Fault tests only (a county process killed mid-ingest): see IngestOptions.beforeCommit. */
  beforeCommit?: IngestOptions['beforeCommit'];
}

export interface RunningCounty {
  server: Server;
  ingestor: Ingestor;
  /** The port actually bound (useful when asked for port 0). */
  port: number;
  /** Graceful: waits up to `graceMs` for requests in flight, then cuts the remaining connections. */
  stop(graceMs?: number): Promise<void>;
  /** Abrupt: cuts every connection at once (a crash, as far as clients can tell). */
  kill(): Promise<void>;
}

const DEFAULT_GRACE_MS = 10_000;

export async function startCounty(parts: CountyParts): Promise<RunningCounty> {
  const ingestor = createIngestor(parts.store, parts.keys, {
    ...(parts.now ? { now: parts.now } : {}),
    ...(parts.onIngestError ? { onError: parts.onIngestError } : {}),
    ...(parts.beforeCommit ? { beforeCommit: parts.beforeCommit } : {}),
  });
  ingestor.kick();
  await ingestor.idle();
  const server = createCountyServer({
    store: parts.store,
    keys: parts.keys,
    tls: parts.tls,
    ingestor,
    ...(parts.rateLimit ? { rateLimit: parts.rateLimit } : {}),
    ...(parts.enrolRateLimit ? { enrolRateLimit: parts.enrolRateLimit } : {}),
    ...(parts.addressRateLimit ? { addressRateLimit: parts.addressRateLimit } : {}),
    ...(parts.uploadLimits ? { uploadLimits: parts.uploadLimits } : {}),
    ...(parts.bodyTimeoutMs !== undefined ? { bodyTimeoutMs: parts.bodyTimeoutMs } : {}),
    ...(parts.now ? { now: parts.now } : {}),
    ...(parts.onInternalError ? { onInternalError: parts.onInternalError } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(parts.port, parts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await ingestor.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const shut = (graceMs: number) => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await ingestor.close();
    })();
    return stopping;
  };
  return {
    server,
    ingestor,
    port,
    stop: (graceMs = DEFAULT_GRACE_MS) => shut(graceMs),
    kill: () => shut(0),
  };
}

/** Unlocks the county (WRONG_PASSPHRASE if the passphrase is wrong) and opens its encrypted database. */
export async function openCountyDirectory(
  directory: CountyDirectory,
  passphrase: string,
): Promise<{ keys: CountyKeys; store: CountyStore; tls: TlsIdentity }> {
  const { keys, tls, database } = await unlockCountyDirectory(directory, passphrase);
  const store = await openCountyStore(database);
  return { keys, store, tls };
}
