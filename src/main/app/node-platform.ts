import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { FILE_EXTENSIONS, type Clock, type FilePurpose, type Platform } from '../desk';

/** The wall clock. Tests pass their own Clock instead (idle lock, login delays, audit times). */
export const systemClock: Clock = { now: () => new Date() };

/** Debian's Chromium: the same engine as Electron 45's. */
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface NodePlatformOptions {
  /** The Chromium used for printing; defaults to $COUNSELDESK_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
  /**
   * What chooseFolder answers (the harness cannot open a native dialog); defaults to
   * $COUNSELDESK_HARNESS_FOLDER, else chooseFolder answers null (cancelled). A function lets a test
   * change its answer between calls (e.g. a "stick" that was pulled).
   */
  folder?: string | (() => string | null);
  /**
   * What chooseFile answers; defaults to the newest file of the purpose's extension in the folder above
   * (so a test or the harness "picks" what was last written there), else null (cancelled).
   */
  file?: string | ((purpose: FilePurpose) => string | null);
}

/**
 * The plain-Node host used by the browser harness and by tests. Electron main builds its own Platform
 * in src/main/platform/ (dialogs, printing); nothing here touches Electron.
 */
export function nodePlatform(
  kind: 'harness' | 'test',
  clock: Clock = systemClock,
  options: NodePlatformOptions = {},
): Platform {
  const chosenFolder = (): string | null => {
    const folder = options.folder ?? process.env['COUNSELDESK_HARNESS_FOLDER'] ?? null;
    return typeof folder === 'function' ? folder() : folder;
  };
  const printer = new HeadlessPrinter(
    options.chromiumPath ?? process.env['COUNSELDESK_CHROMIUM'] ?? DEFAULT_CHROMIUM,
  );
  return {
    kind,
    clock,
    printToPdf: (html) => printer.print(html),
    chooseFolder: () => Promise.resolve(chosenFolder()),
    chooseFile: (purpose) => {
      const file = options.file;
      if (file !== undefined) return Promise.resolve(typeof file === 'function' ? file(purpose) : file);
      const folder = chosenFolder();
      return Promise.resolve(folder === null ? null : newestFile(folder, FILE_EXTENSIONS[purpose]));
    },
    dispose: () => printer.close(),
  };
}

/** The most recently modified regular file in `folder` ending in `extension`; null when there is none. */
function newestFile(folder: string, extension: string): string | null {
  let best: { path: string; mtimeMs: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.endsWith(extension)) continue;
    const path = join(folder, name);
    try {
      const stat = statSync(path);
      if (stat.isFile() && (!best || stat.mtimeMs > best.mtimeMs)) best = { path, mtimeMs: stat.mtimeMs };
    } catch {
      // Gone since the listing: not a candidate.
    }
  }
  return best?.path ?? null;
}

/**
 * One headless Chromium, launched on the first print (≈2 s) and kept until dispose(). playwright-core is
 * a devDependency: only the harness and tests run this file; the packaged app prints through Electron.
 * Each print gets a fresh context with JavaScript off and every request refused, so a document can
 * neither run code nor fetch anything.
 */
class HeadlessPrinter {
  #browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string) {}

  async print(html: string): Promise<Buffer> {
    const browser = await this.#launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const launching = this.#browser;
    this.#browser = null;
    if (!launching) return;
    try {
      await (await launching).close();
    } catch {
      // The launch itself failed: nothing is left running.
    }
  }

  #launch(): Promise<Browser> {
    if (!this.#browser) {
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: this.executablePath, headless: true, args: CHROMIUM_ARGS }),
      );
      // A failed launch is not cached: the next print tries again.
      launching.catch(() => {
        if (this.#browser === launching) this.#browser = null;
      });
      this.#browser = launching;
    }
    return this.#browser;
  }
}
