import { BrowserWindow, dialog, shell } from 'electron';
import { isHttpUrl } from './app-page';

/**
 * A link to the outside world (a law text, a help page) opens in the system browser, never inside the
 * desk, and only after the user agrees: a page tricked into opening a URL must not do it silently.
 */
export async function offerExternalLink(url: string): Promise<void> {
  if (!isHttpUrl(url)) return;
  const parent = BrowserWindow.getFocusedWindow();
  const options = {
    type: 'question' as const,
    buttons: ['在浏览器中打开 Open', '取消 Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: '打开外部链接 / Open external link',
    message: '要在系统浏览器中打开这个外部网址吗？\nOpen this address in the system browser?',
    detail: url,
  };
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url);
}
