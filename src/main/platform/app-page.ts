import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-protocol';

/**
 * Which URL is "our page": the built renderer's index.html under the app:// scheme (app-protocol.ts), or
 * (unpackaged dev only) the Vite dev server's origin. IPC senders and navigations are judged against it.
 */
export interface AppPage {
  /** What the window loads. */
  readonly url: string;
  isAppPage(url: string): boolean;
}

export interface AppPageOptions {
  /** ELECTRON_RENDERER_URL from `electron-vite dev`; ignore it when packaged. */
  devServerUrl?: string | undefined;
}

const APP_INDEX_PATH = '/index.html';

export function createAppPage(options: AppPageOptions = {}): AppPage {
  const devOrigin = options.devServerUrl ? parseUrl(options.devServerUrl)?.origin : undefined;
  if (devOrigin && devOrigin !== 'null') {
    const url = options.devServerUrl as string;
    return { url, isAppPage: (candidate) => parseUrl(candidate)?.origin === devOrigin };
  }
  return {
    url: `${APP_ORIGIN}${APP_INDEX_PATH}`,
    isAppPage(candidate) {
      const parsed = parseUrl(candidate);
      // Query and hash belong to the same page (hash routes); scheme, host and path must be ours exactly.
      // (URL.origin is 'null' for a custom scheme outside Chromium, so compare the parts.)
      return (
        parsed !== undefined &&
        parsed.protocol === `${APP_SCHEME}:` &&
        parsed.host === APP_HOST &&
        parsed.username === '' &&
        parsed.password === '' &&
        parsed.pathname === APP_INDEX_PATH
      );
    },
  };
}

/** The part of a URL that names the document: without the fragment. */
export function withoutHash(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return url;
  parsed.hash = '';
  return parsed.href;
}

export function isHttpUrl(url: string): boolean {
  const protocol = parseUrl(url)?.protocol;
  return protocol === 'http:' || protocol === 'https:';
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
