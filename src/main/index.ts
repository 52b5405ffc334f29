import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol } from 'electron';
import { isDomainError } from '../shared/errors';
import { logFailure } from '../shared/failure';
import { localizeError } from '../shared/i18n';
import { createApp, type DeskApp, CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './app';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppPage,
  createAppProtocolHandler,
  electronPlatform,
  offerExternalLink,
  registerIpcHandlers,
  hardenWebContents,
  mainWindowOptions,
} from './platform';

// Electron glue only: lifecycle, the window, security, IPC registration. Everything the desk does lives
// behind createApp() and runs the same under plain Node (browser harness, tests).

const isDev = !app.isPackaged;

/**
 * Development only: `--data-dir=DIR` opens the desk in DIR (`npm start -- --demo` passes the demo desk's
 * directory, scripts/start.mjs). Set before anything reads the user data path, so the single-instance lock
 * and Chromium's profile follow it too. A packaged build always uses the user data directory.
 */
function dataDirArgument(argv: readonly string[]): string | null {
  const arg = argv.find((a) => a.startsWith('--data-dir='));
  const dir = arg?.slice('--data-dir='.length) ?? '';
  return dir === '' ? null : resolve(dir);
}
const dataDirOverride = isDev ? dataDirArgument(process.argv) : null;
if (dataDirOverride) app.setPath('userData', dataDirOverride);
const devServerUrl = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererDir = join(__dirname, '../renderer');
const appPage = createAppPage({ devServerUrl });
const csp = devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;

// The built renderer is served from app://desk/ (src/main/platform/app-protocol.ts), never from file://.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
let deskApp: DeskApp | null = null;
let closing = false;

// Every renderer runs sandboxed, whatever a window's options say.
app.enableSandbox();

// One desk per user session: a second launch focuses the first window instead of opening the store twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      appPage,
      csp,
      offerExternal: (url) =>
        void offerExternalLink(url).catch((e: unknown) => logFailure('main', 'external link', e)),
    });
  });

  app.on('window-all-closed', () => app.quit());

  app.on('activate', () => {
    if (deskApp && BrowserWindow.getAllWindows().length === 0)
      void openMainWindow().catch((e: unknown) => logFailure('main', 'window', e));
  });

  // Lock the store (close the database, drop the key) before the process ends.
  app.on('before-quit', (event) => {
    if (!deskApp || closing) return;
    event.preventDefault();
    closing = true;
    const closingApp = deskApp;
    deskApp = null;
    closingApp
      .close()
      .catch((e: unknown) => logFailure('main', 'close', e))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      if (isDomainError(error) && error.code === 'DATA_DIR_IN_USE') {
        // The browser harness (or another desk) has this data directory open: say so, plainly.
        dialog.showErrorBox(
          '婚姻家庭辅导工作台',
          `${localizeError('zh-CN', 'DATA_DIR_IN_USE')}\n\n${localizeError('en', 'DATA_DIR_IN_USE')}`,
        );
      } else {
        logFailure('main', 'start', error);
        dialog.showErrorBox('婚姻家庭辅导工作台', '工作台无法启动。The desk could not start.');
      }
      app.exit(1);
    });
}

async function start(): Promise<void> {
  setMinimalMenu();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, csp));
  const created = await createApp(app.getPath('userData'), electronPlatform());
  deskApp = created;
  registerIpcHandlers(ipcMain, created, appPage);
  await openMainWindow();
}

async function openMainWindow(): Promise<void> {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js'), isDev));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  await window.loadURL(appPage.url);
}

/**
 * No application menu (its Reload and Toggle DevTools items would be ways around the baseline). macOS
 * keeps the app and Edit menus, without which copy and paste do not work there.
 */
function setMinimalMenu(): void {
  if (process.platform === 'darwin') {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
}
