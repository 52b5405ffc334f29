import { resolve } from 'node:path';
import { runHarnessCli } from '../src/main/harness/cli';

// `npm run harness -- [--data-dir DIR] [--port N]` (run by tsx): see src/main/harness/cli.ts.
const projectRoot = resolve(__dirname, '..');

runHarnessCli(process.argv.slice(2), projectRoot).catch((error: unknown) => {
  console.error('[harness]', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
