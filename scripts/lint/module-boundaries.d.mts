import type { Rule } from 'eslint';

/** The module a file belongs to, as a path below src/ ('main/cases', 'renderer/src/records', 'preload'). */
export function moduleOf(srcDir: string, file: string): string;

/** Module → (module it imports → one file that imports it). */
export function moduleGraph(srcDir: string, options: { types: boolean }): Map<string, Map<string, string>>;

/** The groups of modules that import each other in a circle. */
export function moduleCycles(edges: Map<string, Map<string, string>>): string[][];

export const moduleBoundaries: Rule.RuleModule;

declare const plugin: { rules: { 'module-boundaries': Rule.RuleModule } };
export default plugin;
