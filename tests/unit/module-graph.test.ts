import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleCycles, moduleGraph } from '../../scripts/lint/module-boundaries.mjs';

// One home per capability (docs/architecture.md "Modules"): the modules depend on each other in one
// direction, so a new capability has an obvious place and loading one never half-loads another.

const src = resolve(__dirname, '../../src');

describe('module graph', () => {
  it('has no cycle between modules through the imports that run', () => {
    expect(moduleCycles(moduleGraph(src, { types: false }))).toEqual([]);
  });

  it('has no cycle through type imports either, but the store schema that joins every module’s tables', () => {
    const graph = moduleGraph(src, { types: true });
    // main/db/schema.ts names each module's table types and each module names `Db`: the one loop, types only.
    for (const [from, to] of graph) {
      if (from === 'main/db') to.clear();
      to.delete('main/db');
    }
    expect(moduleCycles(graph)).toEqual([]);
  });

  it('sees real edges (the test would pass vacuously otherwise)', () => {
    const graph = moduleGraph(src, { types: false });
    expect(graph.get('main/cases')?.has('main/audit')).toBe(true);
    expect(graph.get('main/app')?.has('main/cases')).toBe(true);
    expect(graph.get('renderer/src/app')?.has('renderer/src/cases')).toBe(true);
  });
});
