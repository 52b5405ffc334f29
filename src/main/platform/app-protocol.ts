import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveStaticFile } from '../app';

/*
 * The desktop window loads the built renderer from `app://desk/…`, not from file://. Under file:// the
 * CSP's 'self' would mean "any local file" and the page would hold file://'s extra privileges; under a
 * standard, secure custom scheme 'self' is this one origin, which serves the built renderer's files and
 * nothing else (the file-protocol privileges fuse is off: electron-builder.yml). Only `import type` of
 * Electron here — src/main/index.ts registers the scheme and the handler.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** What src/main/index.ts passes to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * The app:// handler: a GET of a file inside the built renderer, with its content type and the CSP; 404
 * for anything else (another host, a path outside the folder, a missing file), 405 for other methods.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  csp: string,
): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    const file = await resolveStaticFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  };
}

function notFound(): Response {
  return new Response(null, { status: 404 });
}
