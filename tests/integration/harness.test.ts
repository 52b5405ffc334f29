import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform } from '../../src/main/app/node-platform';
import type { DeskApp } from '../../src/main/app';
import { startHarness, type Harness } from '../../src/main/harness/server';
import { defaultUserDataDir } from '../../src/main/harness/user-data-dir';
import { CONTENT_SECURITY_POLICY } from '../../src/main/app/csp';
import { PRODUCT_NAME } from '../../src/main/app/product';
import { tempDir } from '../support/tmp';

// The real composition root on a temp data dir, served over real HTTP on 127.0.0.1.

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const SECRET = 'secret-outside-the-renderer-dir';
const tmp = tempDir('counseldesk-harness-');
let deskApp: DeskApp;
let harness: Harness;
let cookie: string;

/** node:http, not fetch: fetch normalizes `..` in paths and will not send a forged Host header. */
function call({ method = 'GET', path, headers = {}, body }: Call): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: harness.port,
        method,
        path,
        headers: { host: `127.0.0.1:${harness.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function postApi(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: input === undefined ? '' : JSON.stringify(input),
  });
}

beforeAll(async () => {
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title>\n<script type="module" crossorigin src="./assets/app.js"></script>\n</head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
  symlinkSync(join(tmp.dir, 'secret.txt'), join(rendererDir, 'link.txt'));

  deskApp = await createApp(join(tmp.dir, 'data'), nodePlatform('test'));
  harness = await startHarness({ deskApp, rendererDir });
  cookie = '';
});

afterAll(async () => {
  await harness.close();
  await deskApp.close();
  tmp.cleanup();
});

describe('browser harness', () => {
  it('prints a loopback URL with a 32-byte base64url token', () => {
    expect(harness.url).toBe(`http://127.0.0.1:${harness.port}/?token=${harness.token}`);
    expect(harness.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 without a body when the token is missing', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/harness-api.js']) {
      const reply = await call({ path });
      expect(reply.status, path).toBe(401);
      expect(reply.body).toBe('');
    }
    const api = await call({
      method: 'POST',
      path: '/api/app.status',
      headers: { 'content-type': 'application/json' },
    });
    expect(api.status).toBe(401);
    expect(api.body).toBe('');
  });

  it('answers 401 to a wrong token in the URL, the cookie or the header', async () => {
    const wrongUrl = await call({ path: '/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(wrongUrl.status).toBe(401);
    expect(wrongUrl.headers['set-cookie']).toBeUndefined();
    expect((await call({ path: '/?token=' })).status).toBe(401);
    const wrongCookie = await call({
      path: '/assets/app.js',
      headers: { cookie: `desk_token_${harness.port}=nope` },
    });
    expect(wrongCookie.status).toBe(401);
    const otherPortCookie = await call({
      path: '/assets/app.js',
      headers: { cookie: `desk_token_1=${harness.token}` },
    });
    expect(otherPortCookie.status).toBe(401);
    const wrongHeader = await postApi('app.status', undefined, { 'x-desk-token': 'nope', cookie: '' });
    expect(wrongHeader.status).toBe(401);
  });

  it('signs the browser in with the token: HttpOnly SameSite=Strict cookie, index with the API script', async () => {
    const reply = await call({ path: `/?token=${harness.token}` });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';
    expect(cookie).toBe(`desk_token_${harness.port}=${harness.token}`);

    const apiTag = reply.body.indexOf('<script src="./harness-api.js"></script>');
    const moduleTag = reply.body.indexOf('<script type="module"');
    expect(apiTag).toBeGreaterThan(0);
    expect(apiTag).toBeLessThan(moduleTag);
    expect(reply.body).not.toMatch(/<script>(?!<)/);
  });

  it('sends the CSP (and anti-framing, no-sniff) headers on HTML', async () => {
    const reply = await call({ path: '/', headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves static files with their content types once signed in', async () => {
    const js = await call({ path: '/assets/app.js', headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await call({ path: '/assets/app.css', headers: { cookie } });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await call({ path: '/assets/missing.js', headers: { cookie } })).status).toBe(404);
    expect((await call({ path: '/assets/app.js', headers: { 'x-desk-token': harness.token } })).status).toBe(
      200,
    );
  });

  it("serves 'app.status' from the real dispatcher", async () => {
    const reply = await postApi('app.status', undefined);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { phase: 'setup' } });
  });

  it('returns typed errors from the dispatcher for invalid input', async () => {
    const reply = await postApi('auth.login', { username: 42 });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a foreign Host header (DNS rebinding) with 403, token or not', async () => {
    for (const host of ['evil.example', `evil.example:${harness.port}`, `127.0.0.1:${harness.port + 1}`]) {
      expect((await call({ path: `/?token=${harness.token}`, headers: { host } })).status, host).toBe(403);
      expect((await postApi('app.status', undefined, { host })).status, host).toBe(403);
    }
    expect((await call({ path: '/', headers: { host: `localhost:${harness.port}`, cookie } })).status).toBe(
      200,
    );
  });

  it('refuses cross-origin API calls and non-JSON bodies', async () => {
    expect((await postApi('app.status', undefined, { origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await postApi('app.status', undefined, { origin: `http://127.0.0.1:${harness.port}` })).status,
    ).toBe(200);
    expect((await postApi('app.status', undefined, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('answers 404 to an unknown channel, 400 to bad JSON, 413 past 1 MB, 405 to GET', async () => {
    expect((await postApi('app.nope', undefined)).status).toBe(404);
    expect((await postApi('__proto__', undefined)).status).toBe(404);
    const bad = await call({
      method: 'POST',
      path: '/api/app.status',
      headers: { 'content-type': 'application/json', cookie },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const big = await call({
      method: 'POST',
      path: '/api/app.status',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect((await call({ path: '/api/app.status', headers: { cookie } })).status).toBe(405);
  });

  it('never serves a file outside the renderer directory', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/link.txt',
      '/%00/index.html',
      `/${encodeURIComponent(join(tmp.dir, 'secret.txt'))}`,
    ];
    for (const path of attempts) {
      const reply = await call({ path, headers: { cookie } });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain(SECRET);
    }
  });

  it('serves a window.api with one function per channel that reaches the dispatcher', async () => {
    const script = await call({ path: '/harness-api.js', headers: { cookie } });
    expect(script.status).toBe(200);
    const window: { api?: Record<string, (input?: unknown) => Promise<unknown>> } = {};
    const browserFetch = (path: string, init: RequestInit): Promise<Response> =>
      fetch(`${harness.origin}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie },
      });
    runInNewContext(script.body, { window, fetch: browserFetch });

    const api = window.api;
    if (!api) throw new Error('window.api was not defined');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    await expect(api['app.status']?.()).resolves.toMatchObject({ ok: true, value: { phase: 'setup' } });
    await expect(api['users.list']?.()).resolves.toMatchObject({ ok: false });
  });

  it('stops listening on close()', async () => {
    const other = await startHarness({ deskApp, rendererDir: join(tmp.dir, 'renderer') });
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});

describe('harness data directory', () => {
  it('is the one Electron would use for the product name in package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
      productName: string;
    };
    expect(PRODUCT_NAME).toBe(pkg.productName);
    const home = '/home/clerk';
    expect(defaultUserDataDir(PRODUCT_NAME, { platform: 'linux', env: {}, home })).toBe(
      join(home, '.config', PRODUCT_NAME),
    );
    expect(
      defaultUserDataDir(PRODUCT_NAME, { platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, home }),
    ).toBe(join('/x', PRODUCT_NAME));
    expect(defaultUserDataDir(PRODUCT_NAME, { platform: 'darwin', env: {}, home })).toBe(
      join(home, 'Library', 'Application Support', PRODUCT_NAME),
    );
    expect(
      defaultUserDataDir(PRODUCT_NAME, {
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\c\\AppData\\Roaming' },
        home,
      }),
    ).toBe(join('C:\\Users\\c\\AppData\\Roaming', PRODUCT_NAME));
  });
});
