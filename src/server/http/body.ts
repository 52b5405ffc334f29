import type { IncomingMessage } from 'node:http';
import { HttpFailure } from './http-failure';

/**
 * Reads a request body of at most `limit` bytes within `timeoutMs` (from the first call, i.e. after the
 * headers). Over the limit (declared or actual): 413. Too slow: 408. Either way the socket is cut once the
 * answer is out (sendError sets Connection: close), so the rest of the body is never read.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (e: HttpFailure) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(tooLarge(limit));
      else chunks.push(chunk);
    };
    const timer = setTimeout(
      () => stop(new HttpFailure(408, 'TIMEOUT', `body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('data', onData);
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // A client gone mid-body: settle now (the upload slot is freed), not at the timeout.
    req.on('close', () => {
      clearTimeout(timer);
      if (!req.complete) reject(new HttpFailure(400, 'ABORTED', 'the client went away mid-body'));
    });
  });
}

function tooLarge(limit: number): HttpFailure {
  return new HttpFailure(413, 'TOO_LARGE', `body over ${limit} bytes`);
}
