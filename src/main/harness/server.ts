import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { isChannel } from '../../shared/contract';
import { logFailure } from '../../shared/failure';
import { type DeskApp, CONTENT_SECURITY_POLICY, contentTypeFor, resolveStaticFile } from '../app';
import { createHarnessAccess, type HarnessAccess } from './access';
import { harnessApiScript } from './api-script';
import { readJsonBody } from './body';
import { injectHarnessScript } from './static-files';

/**
 * The browser harness (development and tests only): the built renderer and the same dispatcher as
 * Electron's IPC, over HTTP on 127.0.0.1. Only the transport differs; nothing is mocked.
 */
export interface HarnessOptions {
  deskApp: DeskApp;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface Harness {
  /** http://127.0.0.1:PORT/?token=TOKEN — opening it signs the browser in. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export const API_BODY_LIMIT = 1024 * 1024;
const HARNESS_API_PATH = '/harness-api.js';

export async function startHarness({ deskApp, rendererDir, port = 0 }: HarnessOptions): Promise<Harness> {
  const apiScript = harnessApiScript();
  const server = createServer();
  server.keepAliveTimeout = 5_000;
  await listen(server, port);
  const actualPort = (server.address() as AddressInfo).port;
  const access = createHarnessAccess(actualPort);
  // Attached in the same tick as listen() completes, so no request can arrive before it.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle({ req, res, access, deskApp, rendererDir, apiScript }).catch((error: unknown) => {
      logFailure('harness', 'request', error);
      if (!res.headersSent) end(res, 500);
      else res.destroy();
    });
  });
  const origin = `http://127.0.0.1:${actualPort}`;
  return {
    url: `${origin}/?token=${access.token}`,
    origin,
    token: access.token,
    port: actualPort,
    close: () => closeServer(server),
  };
}

interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  access: HarnessAccess;
  deskApp: DeskApp;
  rendererDir: string;
  apiScript: string;
}

async function handle(ctx: RequestContext): Promise<void> {
  const { req, res, access } = ctx;
  setSecurityHeaders(res);
  // DNS rebinding: a hostile page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
  if (!access.hostAllowed(req)) return end(res, 403);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');

  if (url.pathname.startsWith('/api/')) return handleApi(ctx, url.pathname.slice('/api/'.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405, { Allow: 'GET, HEAD' });

  const presented = url.searchParams.get('token');
  if (url.pathname === '/' && presented !== null) {
    if (!access.tokenMatches(presented)) return end(res, 401);
    res.setHeader('Set-Cookie', access.sessionCookie());
    return serveIndex(ctx);
  }
  if (!access.authenticated(req)) return end(res, 401);
  if (url.pathname === HARNESS_API_PATH)
    return send(ctx, 200, 'text/javascript; charset=utf-8', ctx.apiScript);
  if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(ctx);

  const file = await resolveStaticFile(ctx.rendererDir, url.pathname);
  if (!file) return end(res, 404);
  if (basename(file) === 'index.html') return serveIndex(ctx);
  return serveFile(ctx, file);
}

async function handleApi(ctx: RequestContext, channel: string): Promise<void> {
  const { req, res, access } = ctx;
  if (req.method !== 'POST') return end(res, 405, { Allow: 'POST' });
  if (!access.authenticated(req)) return end(res, 401);
  if (!access.originAllowed(req)) return end(res, 403);
  if (!isChannel(channel)) return end(res, 404);
  // A JSON content type cannot be sent by a plain cross-site form: one more guard against CSRF.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return end(res, 415);

  const body = await readJsonBody(req, API_BODY_LIMIT);
  if (body.kind === 'too-large') return end(res, 413, { Connection: 'close' });
  if (body.kind === 'invalid') return end(res, 400);
  // dispatch() parses with the channel's schema, checks session and role, and never throws.
  const result = await ctx.deskApp.dispatch(channel, body.value);
  return send(ctx, 200, 'application/json; charset=utf-8', JSON.stringify(result));
}

async function serveIndex(ctx: RequestContext): Promise<void> {
  const file = await resolveStaticFile(ctx.rendererDir, '/index.html');
  if (!file) return end(ctx.res, 404);
  const html = injectHarnessScript(await readFile(file, 'utf8'));
  return send(ctx, 200, 'text/html; charset=utf-8', html);
}

async function serveFile(ctx: RequestContext, file: string): Promise<void> {
  const { size } = await stat(file);
  ctx.res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Content-Length': size });
  if (ctx.req.method === 'HEAD') {
    ctx.res.end();
    return;
  }
  await new Promise<void>((resolvePromise, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    ctx.res.on('finish', resolvePromise);
    ctx.res.on('close', resolvePromise);
    stream.pipe(ctx.res);
  });
}

function send(ctx: RequestContext, status: number, contentType: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  ctx.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : bytes);
}

/** Errors carry no body: nothing to learn from a refusal. */
function end(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    // Loopback only: the harness must never be reachable from the office network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.close((error) => (error ? reject(error) : resolvePromise()));
    server.closeAllConnections();
  });
}
