import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/app/csp';
import { createAppProtocolHandler } from '../../src/main/platform/app-protocol';
import { tempDir } from '../support/tmp';

// The app:// handler the desktop window loads the renderer through, on a real folder of files.

const tmp = tempDir('counseldesk-app-protocol-');
afterAll(() => tmp.cleanup());
const renderer = join(tmp.dir, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the renderer');
symlinkSync(join(tmp.dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
const serve = createAppProtocolHandler(renderer, CONTENT_SECURITY_POLICY);
const get = (url: string, method = 'GET') => serve({ url, method });

describe('app:// protocol', () => {
  it('serves the built index.html and assets with their type and the CSP', async () => {
    const index = await get('app://desk/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<title>desk</title>');
    const script = await get('app://desk/assets/app.js?v=1#x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('serves nothing outside the renderer folder, from another host, or for other methods', async () => {
    for (const url of [
      'app://desk/../secret.txt',
      'app://desk/%2e%2e/secret.txt',
      'app://desk/assets/..%2f..%2fsecret.txt',
      'app://desk/assets/link.txt',
      'app://desk/missing.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const reply = await get(url);
      expect(reply.status, url).toBe(404);
      expect(await reply.text()).not.toContain('outside the renderer');
    }
    expect((await get('app://desk/index.html', 'POST')).status).toBe(405);
  });
});
