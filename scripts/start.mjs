// `npm start`: the desktop app when Electron's program is installed; otherwise the same desk in a browser
// through the harness on 127.0.0.1 (src/main/harness). Extra arguments go to the harness
// (`npm start -- --port 5180 --data-dir DIR`). `npm start -- --demo [--cases N]` opens a demo desk of
// generated cases in its own directory (.data/demo/<N>), generating it on first use (src/main/demo).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronViteCli = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const tsxCli = require.resolve('tsx/cli');

const say = (zh, en) => console.log(`${zh}\n${en}`);

/**
 * require('electron') answers the binary's path, downloading it on first use. Asked in a child process so
 * a failed download (no internet, as on an offline office machine) prints nothing alarming here.
 */
function findElectron() {
  say(
    '正在检查 Electron 程序（首次运行可能需要下载）……',
    'Checking for the Electron program (the first run may download it)…',
  );
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    env: withoutRunAsNode(process.env),
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

function withoutRunAsNode(env) {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

function build() {
  const result = spawnSync(process.execPath, [electronViteCli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    say('构建失败，请查看上面的错误信息。', 'The build failed; see the errors above.');
    process.exit(result.status ?? 1);
  }
}

/** Newest modification time under a path (files only), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function rendererIsStale() {
  const built = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package.json'];
  return Math.max(...sources.map((source) => newest(join(root, source)))) > statSync(built).mtimeMs;
}

/** Runs a child until it ends; Ctrl+C reaches it directly (same process group), so only wait for it. */
function runUntilExit(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const harnessScript = join(root, 'scripts', 'harness.ts');
const args = process.argv.slice(2);

/** The value of `--name V` or `--name=V` in args, else undefined. */
function option(name) {
  const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  return args[at].includes('=') ? args[at].slice(name.length + 1) : args[at + 1];
}

/** args without `--name V` / `--name=V`. */
function withoutOption(name) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) i++;
    else if (!args[i].startsWith(`${name}=`)) out.push(args[i]);
  }
  return out;
}

/**
 * `--demo`: the demo desk's data directory, generated now if needed by the harness CLI under plain Node
 * (it prints the progress and the demo accounts). The same path as src/main/demo/prepare.ts
 * defaultDemoDir with its DEFAULT_DEMO_CASES; passed explicitly so both programs open the same desk.
 */
function prepareDemo() {
  const dir = resolve(option('--data-dir') ?? join(root, '.data', 'demo', option('--cases') ?? '2000'));
  const harnessArgs = [...withoutOption('--data-dir'), '--data-dir', dir, '--prepare-only'];
  const prepared = spawnSync(process.execPath, [tsxCli, harnessScript, ...harnessArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);
  return dir;
}

const demo = args.includes('--demo');
const electronPath = findElectron();
if (electronPath) {
  const demoDir = demo ? prepareDemo() : null;
  build();
  // The Electron glue honours --data-dir only in an unpackaged (development) build (src/main/index.ts).
  runUntilExit(
    electronPath,
    ['.', ...(demoDir ? [`--data-dir=${demoDir}`] : [])],
    withoutRunAsNode(process.env),
  );
} else {
  say(
    '\n本机没有安装 Electron 程序，无法打开桌面窗口；改为在浏览器中提供同一个工作台（浏览器模式）。',
    'The Electron program is not installed on this machine, so the desktop window cannot open;\n' +
      'the same desk is served to your browser instead (browser harness).',
  );
  if (rendererIsStale()) {
    say('正在构建界面……', 'Building the user interface…');
    build();
  }
  runUntilExit(process.execPath, [tsxCli, harnessScript, ...args]);
}
