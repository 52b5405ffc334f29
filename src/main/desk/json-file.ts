import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

/**
 * Small clear-text JSON files beside the database (preferences, login guard). They are read while the
 * database is closed, so they must never hold anything personal or secret.
 */
export type JsonRead<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'invalid' };

export function readJsonFile<S extends z.ZodType>(path: string, schema: S): JsonRead<z.output<S>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'invalid' };
}

export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
