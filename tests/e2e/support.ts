import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, type NodePlatformOptions } from '../../src/main/app/node-platform';
import { startHarness } from '../../src/main/harness/server';
import type { DeskApp } from '../../src/main/app';
import type { Clock } from '../../src/main/desk/platform';
import type { Result } from '../../src/shared/ipc/result';
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

/** Calls a channel through the page's preload API, as the renderer does; answers its Result. */
export async function api<T>(page: Page, channel: string, input: unknown): Promise<Result<T>> {
  const call = ([c, i]: readonly [string, unknown]) =>
    (globalThis as unknown as { api: Record<string, (x: unknown) => Promise<unknown>> }).api[c]!(i);
  return (await page.evaluate(call, [channel, input] as const)) as Result<T>;
}

/** `api`, throwing on a refusal (for seeding). */
export async function apiOk<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await api<T>(page, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Waits until nothing is loading (a screenshot then shows the figures, not the veil). */
export async function settled(page: Page): Promise<void> {
  // Twice quiet in a row: one answer may start the next read (the queue opens the bucket with visits).
  for (let quiet = 0; quiet < 2;) {
    await page.waitForTimeout(250);
    quiet = (await page.locator('.ant-spin-spinning').count()) === 0 ? quiet + 1 : 0;
  }
}

/** Navigates the single-page app by its hash route. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
}
