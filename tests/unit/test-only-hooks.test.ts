import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// A few functions exist for tests only (a cheaper scrypt cost for suites that sign in thousands of times).
// The desk must never call them: no code under src/ may mention them outside their own definition.

const ROOT = join(__dirname, '../..');
const HOOKS: Record<string, string> = { setScryptCostForTests: 'src/main/desk/keyring.ts' };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('test-only hooks', () => {
  it('are called by no production code', () => {
    const callers: string[] = [];
    for (const file of sources(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      for (const [hook, home] of Object.entries(HOOKS))
        if (rel !== home && text.includes(hook)) callers.push(`${rel}: ${hook}`);
    }
    expect(callers).toEqual([]);
  });
});
