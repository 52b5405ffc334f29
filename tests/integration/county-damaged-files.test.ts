// The county's own files and rows when they are damaged or missing: each failure says what is wrong (a
// missing key file is not "not JSON"; a damaged device key is not the desk's bad signature), the operator
// hears of server-side faults, and the logs carry class and code only.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  readCountyConfig,
  TLS_CERT_FILE,
  TLS_KEY_FILE,
  writeCountyConfig,
} from '../../src/server/county/config';
import {
  generateCountyKeys,
  loadCountyKeys,
  readCountyPublicKeys,
  saveCountyKeys,
} from '../../src/server/county/keys';
import { generateTlsIdentity } from '../../src/server/county/tls';
import { CountyError } from '../../src/server/errors';
import { createCountyServer } from '../../src/server/http/http';
import { createIngestor } from '../../src/server/ingest/ingest';
import { addDevice, openSqliteStore } from '../../src/server/store/store';
import { ZERO_HASH, generateSigningKeyPair, sealBatch } from '../../src/shared/sync';
import { tempDir } from '../support/tmp';

const tmp = tempDir('county-damaged-');
afterAll(() => tmp.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
});

const PASSPHRASE = 'county passphrase for tests';
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';

async function failureOf(work: () => unknown): Promise<{ code: string; reason: string }> {
  try {
    await work();
  } catch (e) {
    if (e instanceof CountyError) return { code: e.code, reason: e.reason };
    throw e;
  }
  throw new Error('expected a CountyError');
}

describe('county files that are missing or damaged', () => {
  it('a key file that cannot be read says so, with the system code, apart from one that is not JSON', async () => {
    const missing = join(tmp.dir, 'missing.json');
    expect(await failureOf(() => loadCountyKeys(missing, PASSPHRASE))).toEqual({
      code: 'BAD_KEY_FILE',
      reason: 'cannot be read (ENOENT)',
    });
    expect(await failureOf(() => readCountyPublicKeys(tmp.dir))).toEqual({
      code: 'BAD_KEY_FILE',
      reason: 'cannot be read (EISDIR)',
    });
    const garbled = join(tmp.dir, 'garbled.json');
    writeFileSync(garbled, '{"format": "counseldesk-county-keys", ');
    expect(await failureOf(() => loadCountyKeys(garbled, PASSPHRASE))).toEqual({
      code: 'BAD_KEY_FILE',
      reason: 'not JSON',
    });
  });

  it('a key file field that is not hex names that field (never an empty key)', async () => {
    const path = join(tmp.dir, 'not-hex.json');
    await saveCountyKeys(path, await generateCountyKeys(), PASSPHRASE);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...file, signingPublicKey: 'g'.repeat(64) }));
    expect(await failureOf(() => readCountyPublicKeys(path))).toEqual({
      code: 'BAD_KEY_FILE',
      reason: 'invalid field(s): signingPublicKey',
    });
    expect((await failureOf(() => loadCountyKeys(path, PASSPHRASE))).code).toBe('BAD_KEY_FILE');
  });

  it('a county.json that cannot be read says so, apart from one that is not JSON', async () => {
    const dir = join(tmp.dir, 'no-config');
    mkdirSync(dir);
    expect(await failureOf(() => readCountyConfig(dir))).toEqual({
      code: 'BAD_CONFIG',
      reason: 'county.json cannot be read (ENOENT)',
    });
    writeFileSync(join(dir, 'county.json'), 'port: 8443');
    expect(await failureOf(() => readCountyConfig(dir))).toEqual({
      code: 'BAD_CONFIG',
      reason: 'county.json is not JSON',
    });
  });

  it('`county serve` without its key file refuses with that reason and exit code 1', async () => {
    const dir = join(tmp.dir, 'county');
    mkdirSync(dir, { mode: 0o700 });
    writeCountyConfig(dir, {
      publicUrl: 'https://127.0.0.1:9',
      host: '127.0.0.1',
      port: 9,
      database: { kind: 'sqlite', path: 'county.db' },
    });
    const tls = await generateTlsIdentity({ hosts: ['127.0.0.1'] });
    writeFileSync(join(dir, TLS_CERT_FILE), tls.certPem);
    writeFileSync(join(dir, TLS_KEY_FILE), tls.keyPem, { mode: 0o600 });
    // No county-keys.json: moved away, or a backup restored without it.
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), 'src/server/cli.ts', 'serve', '--dir', dir],
        {
          cwd: process.cwd(),
          env: { ...process.env, COUNTY_PASSPHRASE: PASSPHRASE, COUNTY_DATABASE_URL: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`BAD_KEY_FILE: cannot be read (ENOENT)`);
    expect(run.stdout).toBe('');
  });
});

describe("a damaged row of the county's own database", () => {
  it('a device whose stored key is damaged: 500 DEVICE_KEY_CORRUPT, told to the operator, nothing stored', async () => {
    const keys = await generateCountyKeys();
    const desk = await generateSigningKeyPair();
    const store = await openSqliteStore(join(tmp.dir, 'device-key.db'));
    await addDevice(store.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: 'not hex at all',
      enrolledAt: '2026-11-23T08:00:00.000Z',
    });
    const told: unknown[] = [];
    const server = createCountyServer({ store, keys, onInternalError: (e) => told.push(e) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const batch = await sealBatch({
        device: DEVICE,
        epoch: 1,
        seq: 1,
        prev: ZERO_HASH,
        count: 1,
        createdAt: '2026-11-23T08:30:00.000Z',
        plaintext: new TextEncoder().encode('batch 1'),
        countyPublicKey: keys.encryption.publicKey,
        deviceSigningKey: desk.privateKey,
      });
      const port = (server.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/v1/devices/${DEVICE}/batches/1/1`, {
        method: 'PUT',
        body: batch.bytes,
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        error: 'DEVICE_KEY_CORRUPT',
        reason: 'the stored public key of this device is damaged',
      });
      expect(told).toHaveLength(1);
      expect(told[0]).toBeInstanceOf(CountyError);
      expect(await store.db.selectFrom('envelopes').select('seq').execute()).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    }
  });

  it('an ingest pass that fails is logged by class only, in the one log format', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = await openSqliteStore(join(tmp.dir, 'closed.db'));
    await store.close();
    const ingestor = createIngestor(store, await generateCountyKeys());
    ingestor.kick();
    await ingestor.idle();
    expect(log.mock.calls).toHaveLength(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^\[county\] ingest pass failed: [A-Za-z]+( \([A-Z0-9_]+\))?$/);
  });
});
