import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';
import { isHttpUrl, withoutHash, type AppPage } from './app-page';
import { CONTENT_SECURITY_POLICY, PRODUCT_NAME } from '../app';

// Only `import type` from 'electron' here: these pieces are unit-tested under plain Node, and the Electron
// objects arrive as parameters (src/main/index.ts passes the real ones).

/** The one window's options with the security baseline (docs/architecture.md "Security baseline"). */
export function mainWindowOptions(preloadPath: string, isDev: boolean): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: isDev,
    },
  };
}

/** The slice of Electron's navigation events we read. */
export interface NavigationEvent {
  readonly url: string;
  readonly isSameDocument: boolean;
  preventDefault(): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

type PermissionCallback = (granted: boolean) => void;

interface HeadersDetails {
  responseHeaders?: Record<string, string[]>;
}
interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}

/** The slice of Electron's Session we configure. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: unknown, callback: PermissionCallback) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersDetails, callback: (r: HeadersResponse) => void) => void,
    ): void;
  };
}

/** The slice of Electron's WebContents we harden; a real WebContents satisfies it. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  getURL(): string;
  readonly session: HardenableSession;
}

export interface HardenOptions {
  appPage: AppPage;
  /** Asks the user first, then opens the http(s) URL in the system browser (src/main/platform/external-links.ts). */
  offerExternal(url: string): void;
  /** CONTENT_SECURITY_POLICY, or DEV_CONTENT_SECURITY_POLICY for `electron-vite dev`. */
  csp?: string;
}

/**
 * Applied to every WebContents (app 'web-contents-created'): the page can never leave our index.html,
 * open a window, embed a <webview>, or be granted a permission; every response carries the CSP.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const refuseNavigation = (event: NavigationEvent): void => {
    if (isOwnDocument(contents, event, options.appPage)) return;
    event.preventDefault();
    if (isHttpUrl(event.url)) options.offerExternal(event.url);
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);

  contents.setWindowOpenHandler(({ url }) => {
    if (isHttpUrl(url)) options.offerExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());

  hardenSession(contents.session, options.csp ?? CONTENT_SECURITY_POLICY);
}

/** Permissions (camera, notifications, clipboard read, geolocation…) are refused; the CSP is added. */
export function hardenSession(session: HardenableSession, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces any policy a server sent, so there is exactly one, and it is ours.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/** Same-document moves (hash routes) within our own page; anything else is a navigation away. */
function isOwnDocument(contents: HardenableContents, event: NavigationEvent, appPage: AppPage): boolean {
  if (!appPage.isAppPage(event.url)) return false;
  return event.isSameDocument || withoutHash(event.url) === withoutHash(contents.getURL());
}
