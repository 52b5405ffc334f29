import type { Browser } from 'playwright-core';

/*
 * HTML → PDF in a headless Chromium (playwright-core), for the hosts without Electron: the browser harness,
 * the tests and the county server's printed reports. The document is complete HTML (printDocument): A4 from
 * its CSS @page, no script, no fetch.
 */

/** Debian's Chromium: the same engine as Electron 45's. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** How the project starts a headless Chromium (printing here, the e2e tests' browser). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * One headless Chromium, launched on the first print (≈2 s) and kept until dispose(). playwright-core is
 * a devDependency: the harness, the tests and the county's reports print here; the packaged desk prints
 * through Electron.
 * Each print gets a fresh context with JavaScript off and every request refused, so a document can
 * neither run code nor fetch anything.
 */
export class HeadlessPrinter {
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
        chromium.launch({ executablePath: this.executablePath, headless: true, args: [...CHROMIUM_ARGS] }),
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
