// ESLint rule `counseldesk/module-boundaries` (docs/architecture.md "Modules"): inside each process, code is
// grouped by domain, one folder per module, and a module is used only through its index.ts. A relative import
// that reaches into another module's folder is reported, as is any import of the Electron glue
// (src/main/platform/) from outside src/main/index.ts, and any import a migration makes outside its own folder
// (migrations are frozen in time: they never import a module).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx'];

/** `@shared/…` is the renderer's alias for src/shared (tsconfig.web.json "paths"). */
function resolveImport(srcDir, fromFile, spec) {
  const base = spec.startsWith('@shared/')
    ? join(srcDir, 'shared', spec.slice('@shared/'.length))
    : resolve(dirname(fromFile), spec);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The module a file belongs to, as a path below src/: `main/cases`, `shared/sync`, `renderer/src/records`,
 * `preload`; a file directly in a layer folder (src/shared/errors.ts, src/main/index.ts) is a module of its own.
 */
export function moduleOf(srcDir, file) {
  const parts = relative(srcDir, file).split(sep);
  if (parts[0] === 'preload') return 'preload';
  if (parts[0] === 'renderer') {
    if (parts[1] !== 'src') return parts.slice(0, 2).join('/');
    return parts.length > 3 ? parts.slice(0, 3).join('/') : parts.join('/');
  }
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/');
}

const isFolderModule = (module) => !/\.(ts|tsx|mts)$/.test(module);

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'A module is reached only through its index.ts' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const srcDir = join(context.cwd, 'src');
    if (!file.startsWith(srcDir + sep)) return {};
    const own = moduleOf(srcDir, file);
    const isMigration = relative(srcDir, file).split(sep).slice(0, 3).join('/') === 'main/db/migrations';

    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !(spec.startsWith('.') || spec.startsWith('@shared/'))) return;
      const target = resolveImport(srcDir, file, spec);
      // Stylesheets and assets are not modules.
      if (!target || !target.startsWith(srcDir + sep) || !/\.(ts|tsx|mts)$/.test(target)) return;
      if (isMigration && dirname(target) !== dirname(file)) {
        context.report({
          node: node.source,
          message: `Module rule (docs/architecture.md): a migration is frozen in time and imports only from its own folder, not '${spec}'.`,
        });
        return;
      }
      const theirs = moduleOf(srcDir, target);
      if (theirs === own) return;
      if (theirs === 'main/platform' && own !== 'main/index.ts') {
        context.report({
          node: node.source,
          message: `Module rule (docs/architecture.md): src/main/platform/ is Electron glue, used only by src/main/index.ts.`,
        });
        return;
      }
      if (!isFolderModule(theirs)) return;
      const index = join(srcDir, theirs);
      if (target === join(index, 'index.ts') || target === join(index, 'index.tsx')) return;
      let through = spec.startsWith('@shared/')
        ? `@${relative(srcDir, index).split(sep).join('/')}`
        : relative(dirname(file), index).split(sep).join('/');
      if (!through.startsWith('.') && !through.startsWith('@')) through = `./${through}`;
      context.report({
        node: node.source,
        message: `Module rule (docs/architecture.md): use src/${theirs} through its index.ts ('${through}'), not '${spec}'.`,
      });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const IMPORT = /^(import|export)(\s+type)?\s+([^;]*?)\s+from\s+(['"])([^'"]+)\4/gm;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The module-to-module import edges under `srcDir` (`main/cases` → `main/audit`), each with one file that
 * makes it. `types: false` leaves out `import type` (erased at run time, so it cannot form a load cycle).
 */
export function moduleGraph(srcDir, { types }) {
  const edges = new Map();
  for (const file of sourceFiles(srcDir)) {
    const from = moduleOf(srcDir, file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[5];
      if (!spec.startsWith('.') && !spec.startsWith('@shared/')) continue;
      const typeOnly = m[2] !== undefined || /^\{(\s*type\s+\w+\s*,?)+\}$/.test(m[3].trim());
      if (typeOnly && !types) continue;
      const target = resolveImport(srcDir, file, spec);
      if (!target || !target.startsWith(srcDir + sep)) continue;
      const to = moduleOf(srcDir, target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, relative(srcDir, file).split(sep).join('/'));
    }
  }
  return edges;
}

/** The cycles (strongly connected groups of more than one module) of a module graph. */
export function moduleCycles(edges) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

export default { rules: { 'module-boundaries': moduleBoundaries } };
