import { BrowserWindow, dialog } from 'electron';
import { FILE_EXTENSIONS, type FilePurpose, type FolderPurpose, type Platform } from '../desk';

/**
 * The Electron host for createApp(): the system clock, printing to PDF and the folder dialog (they use
 * Electron, so they live here, not in services).
 */
export function electronPlatform(): Platform {
  return Object.freeze({
    kind: 'electron',
    clock: Object.freeze({ now: () => new Date() }),
    printToPdf,
    chooseFolder,
    chooseFile,
    dispose: () => Promise.resolve(),
  });
}

const FOLDER_TITLES: Record<FolderPurpose, string> = {
  'usb-export': '选择要写入同步数据的文件夹（U 盘）',
  'usb-import': '选择县中心回执所在的文件夹（U 盘）',
  'archive-export': '选择保存案卷文件的文件夹（U 盘）',
  'backup-export': '选择保存备份文件的文件夹（U 盘）',
  'ledger-export': '选择保存工作台账（Excel 文件）的文件夹',
};

const FILE_DIALOGS: Record<FilePurpose, { title: string; filter: string }> = {
  'archive-import': { title: '选择要导入的案卷文件', filter: '案卷文件' },
  'backup-restore': { title: '选择要恢复的备份文件', filter: '备份文件' },
};

/** The native folder dialog, attached to the focused window so it is modal to the desk. */
async function chooseFolder(purpose: FolderPurpose): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: FOLDER_TITLES[purpose],
    properties: ['openDirectory', 'createDirectory'],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The native open-file dialog for one existing file of the purpose's extension. */
async function chooseFile(purpose: FilePurpose): Promise<string | null> {
  const { title, filter } = FILE_DIALOGS[purpose];
  const options: Electron.OpenDialogOptions = {
    title,
    properties: ['openFile'],
    filters: [{ name: filter, extensions: [FILE_EXTENSIONS[purpose].slice(1)] }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * Chromium limits URLs to 2 MiB; a data: URL keeps personal data off the disk (a temp file would sit
 * unencrypted in the temp folder). A record form is a few dozen KiB.
 */
const MAX_DATA_URL = 2 * 1024 * 1024 - 64;

/**
 * Renders the HTML in a hidden, sandboxed window with JavaScript off (the templates need none), then
 * printToPDF. The window never shows and is destroyed whatever happens. It is also hardened by the
 * app's 'web-contents-created' handler like every other WebContents.
 */
async function printToPdf(html: string): Promise<Buffer> {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_DATA_URL) throw new RangeError('document too large to print');
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
    },
  });
  try {
    await window.loadURL(url);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
  } finally {
    window.destroy();
  }
}
