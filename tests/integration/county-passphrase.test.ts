// The county passphrase and the TLS key (issue 10): the TLS private key is sealed in county-keys.json with
// the other keys (no clear key file), the passphrase is taken out of the process environment once read,
// and `county init`/`serve` accept it on a file descriptor (`--passphrase-fd N`) instead of the
// environment. Real key files, real child processes of the CLI, real HTTPS.
import { spawn } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { askPassphrase, PASSPHRASE_ENV, readPassphraseFd } from '../../src/server/cli-prompt';
import {
  COUNTY_KEYS_FILE,
  generateCountyKeys,
  loadCountySecrets,
  saveCountyKeys,
} from '../../src/server/county/keys';
import { certificateFingerprint, generateTlsIdentity } from '../../src/server/county/tls';
import { pinnedRequest } from '../support/county-server';
import { tempDir } from '../support/tmp';

const tmp = tempDir('county-passphrase-');
afterAll(() => tmp.cleanup());

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PASSPHRASE = '县局 passphrase on a descriptor';

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

describe('the TLS private key', () => {
  it('is sealed in the key file with the other keys and comes back matching its certificate', async () => {
    const keys = await generateCountyKeys();
    const tls = await generateTlsIdentity({ hosts: ['127.0.0.1'] });
    const path = join(tmp.dir, COUNTY_KEYS_FILE);
    await saveCountyKeys(path, keys, PASSPHRASE, { tlsKeyPem: tls.keyPem });
    const text = readFileSync(path, 'utf8');
    const der = createPrivateKey(tls.keyPem).export({ type: 'pkcs8', format: 'der' });
    expect(text).not.toContain(pemBody(tls.keyPem));
    expect(text).not.toContain(der.toString('hex'));
    expect(text).not.toContain('PRIVATE KEY');

    const unlocked = await loadCountySecrets(path, PASSPHRASE);
    expect(unlocked.tlsKeyPem).not.toBeNull();
    expect(new X509Certificate(tls.certPem).checkPrivateKey(createPrivateKey(unlocked.tlsKeyPem ?? ''))).toBe(
      true,
    );
    await expect(loadCountySecrets(path, 'wrong')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });
});

describe('the passphrase', () => {
  it('is deleted from the process environment once read', async () => {
    process.env[PASSPHRASE_ENV] = PASSPHRASE;
    try {
      expect(await askPassphrase(process.env)).toBe(PASSPHRASE);
      expect(process.env[PASSPHRASE_ENV]).toBeUndefined();
      expect(Object.keys(process.env)).not.toContain(PASSPHRASE_ENV);
    } finally {
      delete process.env[PASSPHRASE_ENV];
    }
  });

  it('is read from a file descriptor up to the line end, and the descriptor is closed', () => {
    const file = join(tmp.dir, 'passphrase.txt');
    writeFileSync(file, `${PASSPHRASE}\nignored second line\n`, { mode: 0o600 });
    const fd = openSync(file, 'r');
    expect(readPassphraseFd(fd)).toBe(PASSPHRASE);
    expect(() => readPassphraseFd(fd)).toThrow(); // closed
    writeFileSync(file, '');
    expect(() => readPassphraseFd(openSync(file, 'r'))).toThrow(/no passphrase/);
  });

  it('`county init` and `serve` take it from --passphrase-fd 0 (a pipe); the county directory holds no clear TLS key', async () => {
    const port = await freePort();
    const dir = join(tmp.dir, 'county');
    // No COUNTY_PASSPHRASE anywhere in the children's environment.
    const env: NodeJS.ProcessEnv = { ...process.env, COUNTY_DATABASE_URL: '' };
    delete env[PASSPHRASE_ENV];

    const init = cli(
      [
        'init',
        '--dir',
        dir,
        '--url',
        `https://127.0.0.1:${port}`,
        '--host',
        '127.0.0.1',
        '--passphrase-fd',
        '0',
      ],
      env,
    );
    init.passphrase(PASSPHRASE);
    const made = await init.done;
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['county-keys.json', 'county.db', 'county.json', 'tls-cert.pem']);
    expect(existsSync(join(dir, 'tls-key.pem'))).toBe(false);

    const serve = cli(['serve', '--dir', dir, '--passphrase-fd', '0'], env, /serving/);
    serve.passphrase(PASSPHRASE);
    await serve.ready;
    const certPem = readFileSync(join(dir, 'tls-cert.pem'), 'utf8');
    const health = await pinnedRequest(`https://127.0.0.1:${port}/health`, {
      certPem,
      fingerprint: certificateFingerprint(certPem),
    });
    expect(health.status).toBe(200);
    serve.child.kill('SIGTERM');
    expect((await serve.done).code).toBe(0);

    const wrong = cli(['serve', '--dir', dir, '--passphrase-fd', '0'], env);
    wrong.passphrase('not it');
    const refused = await wrong.done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('wrong passphrase');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A CLI child whose stdin (fd 0) is a pipe carrying the passphrase: under tsx (what `npm run county` runs)
 * only fds 0–2 reach the CLI's own process.
 */
function cli(args: string[], env: NodeJS.ProcessEnv, until?: RegExp) {
  const child = spawn(process.execPath, [TSX, 'src/server/cli.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = until
    ? new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', () => until.test(stdout) && resolve());
        void done.then(() => reject(new Error(`exited before ready: ${stdout}${stderr}`)));
      })
    : Promise.resolve();
  return {
    child,
    done,
    ready,
    passphrase(text: string) {
      child.stdin?.end(`${text}\n`);
    },
  };
}
