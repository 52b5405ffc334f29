import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import { localizeError } from '../../shared/i18n';
import { createApp, nodePlatform, type DeskApp } from '../app';
import {
  DEFAULT_DEMO_CASES,
  defaultDemoDir,
  demoAccountLines,
  MAX_DEMO_CASES,
  NotADemoDesk,
  prepareDemoDesk,
  type DemoConsole,
  type PreparedDemo,
} from '../demo';
import { startHarness, type Harness } from './server';
import { defaultUserDataDir } from './user-data-dir';

const USAGE = `Usage: npm run harness -- [--data-dir DIR] [--port N] [--renderer-dir DIR] [--demo [--cases N]]
  --data-dir      the local store (default: the desktop app's user data directory)
  --port          TCP port on 127.0.0.1 (default: a free port)
  --renderer-dir  the built renderer (default: out/renderer; build it with "npx electron-vite build")
  --demo          a demo desk of generated cases in its own directory (default .data/demo/<N>),
                  generated on first use; prints the demo accounts
  --cases         the demo desk's size (default ${DEFAULT_DEMO_CASES})
  --prepare-only  with --demo: generate the demo desk if needed, print the accounts, and exit`;

export interface HarnessCliOptions {
  dataDir: string;
  port: number;
  rendererDir: string;
  /** A demo desk of this many cases in dataDir (generated if missing). */
  demo: { cases: number; prepareOnly: boolean } | null;
}

export function parseHarnessArgs(argv: readonly string[], projectRoot: string): HarnessCliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      demo: { type: 'boolean' },
      cases: { type: 'string' },
      'prepare-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number`);
  if (!values.demo && (values.cases !== undefined || values['prepare-only'])) {
    throw new Error('--cases and --prepare-only go with --demo');
  }
  const cases = Number(values.cases ?? DEFAULT_DEMO_CASES);
  if (!Number.isInteger(cases) || cases < 1 || cases > MAX_DEMO_CASES) {
    throw new Error(`--cases: a whole number from 1 to ${MAX_DEMO_CASES}`);
  }
  const demo = values.demo ? { cases, prepareOnly: values['prepare-only'] === true } : null;
  return {
    // A demo desk never opens the user's data directory: its own, unless --data-dir names another.
    dataDir: resolve(
      values['data-dir'] ?? (demo ? defaultDemoDir(projectRoot, cases) : defaultUserDataDir()),
    ),
    port,
    rendererDir: resolve(projectRoot, values['renderer-dir'] ?? 'out/renderer'),
    demo,
  };
}

/** The terminal side of generating a demo desk: the progress line rewritten in place on a TTY. */
function terminal(): DemoConsole {
  const tty = process.stdout.isTTY;
  let last = 0;
  return {
    line: (text) => {
      if (tty) process.stdout.write('\r\x1b[K');
      console.log(text);
    },
    progress: (text) => {
      if (tty) process.stdout.write(`\r\x1b[K${text}`);
      else if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(text);
      }
    },
  };
}

/** Generates (or finds) the demo desk; null after saying why it cannot be used. */
async function demoDesk(dataDir: string, cases: number): Promise<PreparedDemo | null> {
  try {
    return await prepareDemoDesk(dataDir, cases, terminal());
  } catch (error) {
    if (error instanceof NotADemoDesk) {
      console.error(`该目录中已有一个不是演示数据的工作台，不会覆盖：${dataDir}`);
      console.error(`That directory holds a desk that is not a demo desk; it is left alone: ${dataDir}`);
    } else if (isDomainError(error) && error.code === 'DATA_DIR_IN_USE') {
      console.error(localizeError('zh-CN', 'DATA_DIR_IN_USE'));
      console.error(localizeError('en', 'DATA_DIR_IN_USE'));
    } else {
      logFailure('harness', 'demo', error);
    }
    process.exitCode = 1;
    return null;
  }
}

/** `npm run harness`: the desk under plain Node, served to a browser on 127.0.0.1. Runs until Ctrl+C. */
export async function runHarnessCli(argv: readonly string[], projectRoot: string): Promise<void> {
  let options: HarnessCliOptions | 'help';
  try {
    options = parseHarnessArgs(argv, projectRoot);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  let demo: PreparedDemo | null = null;
  if (options.demo) {
    demo = await demoDesk(options.dataDir, options.demo.cases);
    if (!demo) return;
    if (options.demo.prepareOnly) {
      for (const line of demoAccountLines(demo)) console.log(line);
      return;
    }
  }

  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    console.error(
      `没有找到构建好的界面 No built renderer in ${options.rendererDir}: run "npx electron-vite build" first.`,
    );
    process.exitCode = 1;
    return;
  }

  // A start failure's message can quote a path or a row: the log gets its class and code (exit code 1).
  let deskApp: DeskApp;
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    deskApp = await createApp(options.dataDir, nodePlatform('harness'));
  } catch (error) {
    if (isDomainError(error) && error.code === 'DATA_DIR_IN_USE') {
      console.error(localizeError('zh-CN', 'DATA_DIR_IN_USE'));
      console.error(localizeError('en', 'DATA_DIR_IN_USE'));
      process.exitCode = 1;
      return;
    }
    logFailure('harness', 'start', error);
    process.exitCode = 1;
    return;
  }
  let harness: Harness;
  try {
    harness = await startHarness({ deskApp, rendererDir: options.rendererDir, port: options.port });
  } catch (error) {
    logFailure('harness', 'start', error);
    await deskApp.close().catch((e: unknown) => logFailure('harness', 'shutdown', e));
    process.exitCode = 1;
    return;
  }

  console.log('');
  console.log('  婚姻家庭辅导工作台 — 浏览器模式 (browser harness)');
  console.log(`  数据目录 Data directory: ${options.dataDir}`);
  console.log('  在浏览器中打开下面的地址（含本次启动的随机令牌，请勿分享）：');
  console.log('  Open this address in a browser (it carries a random token for this run; do not share it):');
  console.log('');
  console.log(`    ${harness.url}`);
  console.log('');
  if (demo) {
    for (const line of demoAccountLines(demo)) console.log(line);
    console.log('');
  }
  console.log('  按 Ctrl+C 停止并锁定工作台。 Press Ctrl+C to stop and lock the desk.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Close the HTTP side first so no call races the lock, then lock the store (drops the key).
    harness
      .close()
      .then(() => deskApp.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logFailure('harness', 'shutdown', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
