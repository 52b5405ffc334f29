import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { CHANNELS } from '../../src/shared/contract';
import type { DeskApp } from '../../src/main/app';
import { createAppPage } from '../../src/main/platform/app-page';
import {
  isTrustedSender,
  registerIpcHandlers,
  type IpcRegistrar,
  type SenderEvent,
} from '../../src/main/platform/ipc';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../../src/main/app/csp';
import {
  hardenWebContents,
  mainWindowOptions,
  type HardenableSession,
  type NavigationEvent,
} from '../../src/main/platform/window';

// Electron itself is the true edge here: a small EventEmitter stands in for WebContents and Session,
// and the production functions are driven exactly as Electron would drive them.

const rendererIndex = join('/opt/desk/resources/app.asar/out/renderer/index.html');
const appPage = createAppPage();
const pageUrl = 'app://desk/index.html';

type PermissionHandler = (
  contents: unknown,
  permission: unknown,
  callback: (granted: boolean) => void,
) => void;
type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

class FakeSession implements HardenableSession {
  permissionRequest?: PermissionHandler;
  permissionCheck?: () => boolean;
  headersListener?: HeadersListener;
  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: () => boolean): void {
    this.permissionCheck = handler;
  }
  webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
}

class FakeContents extends EventEmitter {
  readonly session = new FakeSession();
  windowOpenHandler?: (details: HandlerDetails) => WindowOpenHandlerResponse;
  constructor(private currentUrl: string) {
    super();
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.currentUrl;
  }
}

function navigation(url: string, isSameDocument = false): NavigationEvent & { prevented: boolean } {
  return {
    url,
    isSameDocument,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function hardened(currentUrl = `${pageUrl}#/cases`) {
  const contents = new FakeContents(currentUrl);
  const offerExternal = vi.fn<(url: string) => void>();
  hardenWebContents(contents, { appPage, offerExternal });
  return { contents, offerExternal };
}

function openWindow(contents: FakeContents, url: string): WindowOpenHandlerResponse {
  const handler = contents.windowOpenHandler;
  if (!handler) throw new Error('no window open handler was set');
  return handler({
    url,
    frameName: '',
    features: '',
    disposition: 'new-window',
    referrer: { url: '', policy: 'default' },
  });
}

describe('main window webPreferences', () => {
  const options = mainWindowOptions('/app/out/preload/index.js', false);
  const prefs = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', false],
  ] as const)('sets %s to %s', (flag, value) => {
    expect(prefs[flag]).toBe(value);
  });

  it('uses the bundled preload and shows the window only when ready', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(options.show).toBe(false);
  });

  it('turns DevTools off when packaged and on only in development', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p.js', true).webPreferences?.devTools).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it("defaults to 'self' and never allows eval or inline script", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('blocks plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('is repeated verbatim in index.html (the harness and app:// also send it as a header)', () => {
    const html = readFileSync(resolve(__dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only script and connect for the dev server, still without eval', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
  });
});

describe('hardenWebContents', () => {
  it('refuses navigation to another site and offers it to the system browser', () => {
    const { contents, offerExternal } = hardened();
    const event = navigation('https://evil.example/phish');
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(true);
    expect(offerExternal).toHaveBeenCalledWith('https://evil.example/phish');
  });

  it('refuses navigation to another local file without offering it', () => {
    const { contents, offerExternal } = hardened();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const event = navigation(url);
      contents.emit('will-navigate', event);
      expect(event.prevented).toBe(true);
    }
    expect(offerExternal).not.toHaveBeenCalled();
  });

  it('allows only same-document hash changes of our own page', () => {
    const { contents } = hardened();
    const hashMove = navigation(`${pageUrl}#/users`);
    contents.emit('will-navigate', hashMove);
    expect(hashMove.prevented).toBe(false);

    const sameDocument = navigation(`${pageUrl}#/settings`, true);
    contents.emit('will-navigate', sameDocument);
    expect(sameDocument.prevented).toBe(false);

    const reloadWithQuery = navigation(`${pageUrl}?x=1`);
    contents.emit('will-navigate', reloadWithQuery);
    expect(reloadWithQuery.prevented).toBe(true);
  });

  it('refuses redirects away from our page', () => {
    const { contents } = hardened();
    const event = navigation('http://127.0.0.1:8080/');
    contents.emit('will-redirect', event);
    expect(event.prevented).toBe(true);
  });

  it('denies every new window; http(s) links are only offered to the system browser', () => {
    const { contents, offerExternal } = hardened();
    expect(openWindow(contents, 'https://www.gov.cn/')).toEqual({ action: 'deny' });
    expect(openWindow(contents, pageUrl)).toEqual({ action: 'deny' });
    expect(openWindow(contents, 'file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(offerExternal.mock.calls).toEqual([['https://www.gov.cn/']]);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    const event = navigation('about:blank');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { contents } = hardened();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      contents.session.permissionRequest?.(contents, permission, (ok) => granted.push(ok));
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect(contents.session.permissionCheck?.()).toBe(false);
  });

  it('puts our CSP on every response, replacing any policy the server sent', () => {
    const { contents } = hardened();
    const listener = contents.session.headersListener;
    if (!listener) throw new Error('no headers listener');
    let headers: Record<string, string | string[]> | undefined;
    listener(
      {
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
          'X-A': ['1'],
        },
      },
      (response) => {
        headers = response.responseHeaders;
      },
    );
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('our page', () => {
  it('is the built index.html under app://desk/ (never file://), whatever the hash route or query', () => {
    expect(appPage.url).toBe(pageUrl);
    expect(appPage.isAppPage(`${pageUrl}#/login`)).toBe(true);
    expect(appPage.isAppPage(`${pageUrl}?x=1#/login`)).toBe(true);
    expect(appPage.isAppPage(pageUrl.replace('index.html', 'other.html'))).toBe(false);
    expect(appPage.isAppPage(pageUrl.replace('app://desk/', 'app://other/'))).toBe(false);
    expect(appPage.isAppPage(pageUrl.replace('app://desk/', 'app://user@desk/'))).toBe(false);
    expect(appPage.isAppPage(pathToFileURL(rendererIndex).href)).toBe(false);
    expect(appPage.isAppPage('https://evil.example/index.html')).toBe(false);
    expect(appPage.isAppPage('not a url')).toBe(false);
  });

  it('is the dev server origin during `electron-vite dev`', () => {
    const dev = createAppPage({ devServerUrl: 'http://localhost:5173' });
    expect(dev.isAppPage('http://localhost:5173/#/cases')).toBe(true);
    expect(dev.isAppPage('http://localhost:5174/')).toBe(false);
    expect(dev.isAppPage(pageUrl)).toBe(false);
  });
});

describe('IPC sender check', () => {
  const top = { parent: null, url: `${pageUrl}#/cases` };

  it('trusts only the top frame of our own page', () => {
    expect(isTrustedSender({ senderFrame: top }, appPage)).toBe(true);
    expect(isTrustedSender({ senderFrame: null }, appPage)).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: top, url: pageUrl } }, appPage)).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: null, url: 'https://evil.example/' } }, appPage)).toBe(
      false,
    );
  });

  it('registers one handler per contract channel and refuses untrusted senders before dispatch', async () => {
    const handlers = new Map<string, (event: SenderEvent, input: unknown) => Promise<unknown>>();
    const ipcMain: IpcRegistrar = {
      handle: (channel, handler) => {
        if (handlers.has(channel)) throw new Error(`duplicate ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const dispatch = vi.fn<DeskApp['dispatch']>(async () => ({ ok: true, value: 'served' }));
    const unregister = registerIpcHandlers(ipcMain, { dispatch, close: async () => {} }, appPage);
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());

    const status = handlers.get('app.status');
    if (!status) throw new Error('app.status not registered');
    const refused = await status({ senderFrame: { parent: null, url: 'https://evil.example/' } }, null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();

    await expect(status({ senderFrame: top }, null)).resolves.toEqual({ ok: true, value: 'served' });
    expect(dispatch).toHaveBeenCalledWith('app.status', null);

    unregister();
    expect(handlers.size).toBe(0);
  });
});
