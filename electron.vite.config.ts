import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './src/main/app/csp';

const root = __dirname;

/**
 * `electron-vite dev` only: Vite's React refresh preamble is an inline script and HMR uses a WebSocket,
 * both refused by the production CSP in index.html. The built renderer keeps the strict policy.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'counseldesk:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY),
  };
}

export default defineConfig({
  main: {
    build: {
      // Runtime dependencies (better-sqlite3-multiple-ciphers with its native .node file, kysely, zod) stay
      // external: electron-builder ships them in node_modules and rebuilds the native module for Electron.
      externalizeDeps: true,
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src/main/index.ts'), formats: ['cjs'] },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' (and a few polyfilled builtins), never a file from
      // node_modules, so everything it imports (the channel names) is inlined into one CommonJS file.
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'src/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: {
        output: { codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // `@shared/…` is src/shared (tsconfig.web.json "paths"): the renderer's imports of the shared contract and
    // schemas read the same from every folder depth.
    resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
    plugins: [react(), devContentSecurityPolicy()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Minified: about half the script to parse on every start (electron-vite leaves it off by default).
      minify: true,
      rolldownOptions: {
        input: resolve(root, 'src/renderer/index.html'),
        // Pages load their screens lazily (each domain's index.ts); ECharts, needed only by 统计, gets a
        // chunk of its own so the statistics screen's chunk stays small and the library is cached apart.
        output: {
          codeSplitting: {
            groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }],
          },
        },
      },
    },
  },
});
