import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import { localizeError } from '../../shared/i18n';
import { createApp, nodePlatform, type DeskApp } from '../app';
import { startHarness, type Harness } from './server';
import { defaultUserDataDir } from './user-data-dir';

const USAGE = `Usage: npm run harness -- [--data-dir DIR] [--port N] [--renderer-dir DIR]
  --data-dir      the local store (default: the desktop app's user data directory)
  --port          TCP port on 127.0.0.1 (default: a free port)
  --renderer-dir  the built renderer (default: out/renderer; build it with "npx electron-vite build")`;

export interface HarnessCliOptions {
  dataDir: string;
  port: number;
  rendererDir: string;
}

export function parseHarnessArgs(argv: readonly string[], projectRoot: string): HarnessCliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number`);
  return {
    dataDir: resolve(values['data-dir'] ?? defaultUserDataDir()),
    port,
    rendererDir: resolve(projectRoot, values['renderer-dir'] ?? 'out/renderer'),
  };
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
