// County key file (src/server/county/keys.ts): real scrypt + AES-256-GCM on a real file in a temp dir.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CountyError } from '../../src/server/errors';
import {
  COUNTY_KEYS_FILE,
  generateCountyKeys,
  loadCountyKeys,
  saveCountyKeys,
} from '../../src/server/county/keys';
import { fingerprint, toHex } from '../../src/shared/sync';

const dir = mkdtempSync(join(tmpdir(), 'county-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof CountyError) return e.code;
    throw e;
  }
}

describe('county key file', () => {
  it('round-trips both key pairs under the passphrase and keeps private keys out of the clear', async () => {
    const keys = await generateCountyKeys();
    const path = join(dir, COUNTY_KEYS_FILE);
    await saveCountyKeys(path, keys, '县局 passphrase 1');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(toHex(keys.encryption.privateKey));
    expect(text).not.toContain(toHex(keys.signing.privateKey));
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'counseldesk-county-keys', version: 2, cipher: 'aes-256-gcm' });
    expect(text).not.toContain(toHex(keys.databaseKey));
    expect(file.encryptionPublicKey).toBe(toHex(keys.encryption.publicKey));

    const loaded = await loadCountyKeys(path, '县局 passphrase 1');
    expect(toHex(loaded.encryption.privateKey)).toBe(toHex(keys.encryption.privateKey));
    expect(toHex(loaded.signing.privateKey)).toBe(toHex(keys.signing.privateKey));
    expect(toHex(loaded.signing.publicKey)).toBe(toHex(keys.signing.publicKey));
    expect(loaded.fingerprint).toBe(await fingerprint(keys.encryption.publicKey));
    expect(toHex(loaded.databaseKey)).toBe(toHex(keys.databaseKey));
  });

  it('refuses a wrong passphrase with a clear error', async () => {
    const path = join(dir, 'wrong.json');
    await saveCountyKeys(path, await generateCountyKeys(), 'right one');
    const error = await loadCountyKeys(path, 'wrong one').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CountyError);
    expect((error as CountyError).code).toBe('WRONG_PASSPHRASE');
    expect((error as CountyError).message).not.toContain('wrong one');
  });

  it('refuses a file whose clear public key was swapped (bound as associated data)', async () => {
    const path = join(dir, 'swapped.json');
    await saveCountyKeys(path, await generateCountyKeys(), 'pass');
    const other = await generateCountyKeys();
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    file.encryptionPublicKey = toHex(other.encryption.publicKey);
    writeFileSync(path, JSON.stringify(file));
    expect(await codeOf(() => loadCountyKeys(path, 'pass'))).toBe('WRONG_PASSPHRASE');
  });

  it('refuses malformed files with BAD_KEY_FILE', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, 'not json');
    expect(await codeOf(() => loadCountyKeys(path, 'pass'))).toBe('BAD_KEY_FILE');
    writeFileSync(path, JSON.stringify({ format: 'counseldesk-county-keys', version: 2 }));
    expect(await codeOf(() => loadCountyKeys(path, 'pass'))).toBe('BAD_KEY_FILE');
    expect(await codeOf(() => loadCountyKeys(join(dir, 'missing.json'), 'pass'))).toBe('BAD_KEY_FILE');
  });
});
