import type { IncomingMessage } from 'node:http';

export type JsonBody = { kind: 'ok'; value: unknown } | { kind: 'too-large' } | { kind: 'invalid' };

/** Past this the connection is cut instead of drained. */
const DRAIN_LIMIT_FACTOR = 8;

/**
 * Reads a JSON request body of at most `limit` bytes. An empty body is `undefined` (a channel without
 * input). An oversized body is drained (so the client can read the 413) up to a point, then cut off.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<JsonBody> {
  const declared = Number(req.headers['content-length'] ?? '0');
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (received > limit * DRAIN_LIMIT_FACTOR) {
        req.destroy();
        resolvePromise({ kind: 'too-large' });
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (tooLarge) return resolvePromise({ kind: 'too-large' });
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolvePromise({ kind: 'ok', value: undefined });
      try {
        resolvePromise({ kind: 'ok', value: JSON.parse(text) as unknown });
      } catch {
        resolvePromise({ kind: 'invalid' });
      }
    });
  });
}
