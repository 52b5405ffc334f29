import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the harness: whoever holds the random token printed at start (in the URL, then in an
 * HttpOnly cookie), on a Host header naming the loopback address (DNS rebinding cannot pass), and for
 * writes, from the harness's own origin.
 */
export interface HarnessAccess {
  readonly token: string;
  readonly cookieName: string;
  /** Host is exactly 127.0.0.1:PORT or localhost:PORT. */
  hostAllowed(req: IncomingMessage): boolean;
  /** No Origin header (not a browser cross-site request) or exactly our own origin. */
  originAllowed(req: IncomingMessage): boolean;
  /** Constant-time check of a presented token. */
  tokenMatches(candidate: string | null | undefined): boolean;
  /** The cookie or the x-desk-token header carries the token. */
  authenticated(req: IncomingMessage): boolean;
  /** Set-Cookie value that keeps the browser signed in for this harness run. */
  sessionCookie(): string;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function createHarnessAccess(port: number, token: string = newToken()): HarnessAccess {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // Cookies ignore ports: name ours per port so two harnesses on one machine do not overwrite each other.
  const cookieName = `desk_token_${port}`;
  const expected = digest(token);

  const tokenMatches = (candidate: string | null | undefined): boolean =>
    typeof candidate === 'string' && candidate.length > 0 && timingSafeEqual(digest(candidate), expected);

  return {
    token,
    cookieName,
    hostAllowed: (req) => hosts.has((req.headers.host ?? '').toLowerCase()),
    originAllowed(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      return [...hosts].some((host) => origin === `http://${host}`);
    },
    tokenMatches,
    authenticated(req) {
      const header = req.headers['x-desk-token'];
      if (typeof header === 'string' && tokenMatches(header)) return true;
      return tokenMatches(readCookie(req.headers.cookie, cookieName));
    },
    sessionCookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
  };
}

/** Hashing first gives timingSafeEqual equal-length inputs whatever was presented. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
