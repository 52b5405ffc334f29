import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, type NodePlatformOptions } from '../../src/main/app/node-platform';
import { startHarness } from '../../src/main/harness/server';
import type { DeskApp } from '../../src/main/app';
import type { Clock } from '../../src/main/desk/platform';
import { tempDir } from '../support/tmp';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(__dirname, 'screenshots');
const RENDERER_DIR = resolve(__dirname, '../../out/renderer');

/** One real desk (createApp on a fresh encrypted data dir) served through the browser harness. */
export interface DeskUnderTest {
  url: string;
  dataDir: string;
  deskApp: DeskApp;
  close(): Promise<void>;
}

/**
 * `folder`: what the platform's folder dialog answers (the sync USB courier); absent: cancelled.
 * `clock`: the desk's clock (a test that moves time: follow-up visits falling due); absent: the wall clock.
 */
export type DeskOptions = Pick<NodePlatformOptions, 'folder'> & { clock?: Clock };

export async function startDesk(options: DeskOptions = {}): Promise<DeskUnderTest> {
  const tmp = tempDir('counseldesk-e2e-');
  const { clock, ...platform } = options;
  const deskApp = await createApp(tmp.dir, nodePlatform('harness', clock, platform));
  const harness = await startHarness({ deskApp, rendererDir: RENDERER_DIR });
  return {
    url: harness.url,
    dataDir: tmp.dir,
    deskApp,
    async close() {
      await harness.close();
      await deskApp.close();
      tmp.cleanup();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newDeskPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    // Surface renderer crashes in the test output (no personal data: test fixtures only).
    console.error('renderer error:', e.message);
  });
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
