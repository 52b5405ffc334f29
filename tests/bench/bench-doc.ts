import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Puts a benchmark's section into docs/benchmarks.md between `<!-- NAME:start -->` and `<!-- NAME:end -->`,
 * replacing the previous run's, or appends it when the markers are not there yet.
 */
export function writeBenchSection(name: string, markdown: string): void {
  const file = join(__dirname, '../../docs/benchmarks.md');
  const section = `<!-- ${name}:start -->\n${markdown.trim()}\n<!-- ${name}:end -->`;
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  const current = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    marked.test(current) ? current.replace(marked, () => section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}
