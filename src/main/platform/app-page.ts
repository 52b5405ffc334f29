import { pathToFileURL } from 'node:url';

/**
 * Which URL is "our page": the built renderer's index.html as a file:// URL, or (unpackaged dev only)
 * the Vite dev server's origin. IPC senders and navigations are judged against it.
 */
export interface AppPage {
  /** What the window loads. */
  readonly url: string;
  isAppPage(url: string): boolean;
}

export interface AppPageOptions {
  /** Absolute path of out/renderer/index.html. */
  rendererIndexFile: string;
  /** ELECTRON_RENDERER_URL from `electron-vite dev`; ignore it when packaged. */
  devServerUrl?: string | undefined;
  /** Windows paths compare case-insensitively. */
  caseInsensitivePaths?: boolean;
}

export function createAppPage(options: AppPageOptions): AppPage {
  const devOrigin = options.devServerUrl ? parseUrl(options.devServerUrl)?.origin : undefined;
  if (devOrigin && devOrigin !== 'null') {
    const url = options.devServerUrl as string;
    return { url, isAppPage: (candidate) => parseUrl(candidate)?.origin === devOrigin };
  }

  const indexUrl = pathToFileURL(options.rendererIndexFile);
  const fold = (path: string): string => (options.caseInsensitivePaths ? path.toLowerCase() : path);
  const indexPath = fold(indexUrl.pathname);
  return {
    url: indexUrl.href,
    isAppPage(candidate) {
      const parsed = parseUrl(candidate);
      // Query and hash belong to the same page (hash routes); the host must be empty (no UNC shares).
      return (
        parsed !== undefined &&
        parsed.protocol === 'file:' &&
        parsed.host === '' &&
        fold(parsed.pathname) === indexPath
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
