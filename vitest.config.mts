import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The renderer's own alias (electron.vite.config.ts), so unit tests can import renderer modules.
const shared = fileURLToPath(new URL('./src/shared', import.meta.url));

export default defineConfig({
  test: {
    // One test file per core. Vitest's default is one less than the cores, which on a 2-core machine (CI's)
    // runs the integration files one at a time; they spend much of their time waiting on the processes they
    // start (desk and county children, PostgreSQL, LibreOffice), so two at once take ≈ 2/3 of the time.
    // The e2e project still runs its files one at a time (fileParallelism: false).
    maxWorkers: availableParallelism(),
    projects: [
      {
        resolve: { alias: { '@shared': shared } },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Stops a test file's throwaway PostgreSQL cluster when the file is done.
          setupFiles: ['tests/support/postgres-cleanup.setup.ts', 'tests/support/key-cost.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/support/key-cost.setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
