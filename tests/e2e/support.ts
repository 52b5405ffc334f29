import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/shared/documents';
import { expect } from 'vitest';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, type NodePlatformOptions } from '../../src/main/app/node-platform';
import { startHarness } from '../../src/main/harness/server';
import type { AppOptions, DeskApp } from '../../src/main/app';
import type { Clock } from '../../src/main/desk/platform';
import type { Result } from '../../src/shared/ipc/result';
import type { Role } from '../../src/shared/roles';
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
 * `prepare`: writes the data directory before the desk opens it.
 * `app`: createApp's options (progress slots of the test's own).
 */
export type DeskOptions = Pick<NodePlatformOptions, 'folder'> & {
  clock?: Clock;
  /** Fills the data directory before the desk opens it (an older desk for the upgrade e2e). */
  prepare?: (dataDir: string) => Promise<void>;
  app?: AppOptions;
};

export async function startDesk(options: DeskOptions = {}): Promise<DeskUnderTest> {
  const tmp = tempDir('counseldesk-e2e-');
  const { clock, prepare, app, ...platform } = options;
  await prepare?.(tmp.dir);
  const deskApp = await createApp(tmp.dir, nodePlatform('harness', clock, platform), app);
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
    args: [...CHROMIUM_ARGS],
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

/** A screenshot once the toasts of earlier steps have gone, so they do not cover the page. */
export async function calmScreenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await screenshot(page, name);
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

/** The id of the element that has the keyboard focus. */
export function focusedId(page: Page): Promise<string | undefined> {
  type Doc = { document: { activeElement: { id: string } | null } };
  return page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.id);
}

/** Saves the download that `start` begins into a fresh temp folder, under the offered name; answers its path. */
export async function saveDownload(page: Page, start: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await start();
  const file = join(
    mkdtempSync(join(tmpdir(), 'counseldesk-e2e-download-')),
    (await download).suggestedFilename(),
  );
  await (await download).saveAs(file);
  return file;
}

/** A PDF's text as laid out on the page (poppler's pdftotext). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// ── accounts: setup through the contract, signing in and out on the screen ──────────────────────────

/** What the sign-in form takes. */
export interface Credentials {
  username: string;
  password: string;
}

/** An account an e2e file creates: its sign-in, name and role. */
export interface DeskUser extends Credentials {
  displayName: string;
  role: Role;
}

/** The office of every desk set up through the contract. */
export const OFFICE = {
  county: '章丘区',
  registryOffice: '章丘区婚姻登记处',
  centreName: '章丘区婚姻家庭辅导中心',
  level: 'centre',
} as const;

/** The administrator the setup creates (the foundation e2e creates its own through the wizard). */
export const ADMIN = { username: 'admin', displayName: '王管理', password: 'Desk-Admin-2026!' };

const TEMPORARY_PASSWORD = 'Temp-Pass-0001';

/**
 * First-run setup through the contract (the foundation e2e covers its screens): OFFICE and ADMIN, the
 * recovery code confirmed, then each user created with a temporary password and signed in once to set
 * their own. Ends signed in as the last user; answers each new user's id by username.
 */
export async function setUpDesk(page: Page, users: readonly DeskUser[]): Promise<Record<string, string>> {
  await page.getByRole('heading', { name: /初始设置/ }).waitFor();
  const issued = await apiOk<{ recoveryCode: string; confirmGroup: number }>(page, 'setup.create', {
    office: OFFICE,
    admin: ADMIN,
    language: 'zh-CN',
  });
  const groups = issued.recoveryCode.split(/[\s-]+/).filter(Boolean);
  await apiOk(page, 'auth.confirmRecovery', { answer: groups[issued.confirmGroup - 1] });
  const ids: Record<string, string> = {};
  for (const user of users) {
    const created = await apiOk<{ id: string }>(page, 'users.create', {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      temporaryPassword: TEMPORARY_PASSWORD,
    });
    ids[user.username] = created.id;
  }
  for (const user of users) {
    await apiOk(page, 'auth.login', { username: user.username, password: TEMPORARY_PASSWORD });
    await apiOk(page, 'auth.changePassword', {
      currentPassword: TEMPORARY_PASSWORD,
      newPassword: user.password,
    });
  }
  return ids;
}

/** Signs out through the contract and reloads: the sign-in screen, as a user finds the desk. */
export async function signedOutPage(page: Page): Promise<void> {
  await apiOk(page, 'auth.logout', null);
  await page.reload();
  await page.getByRole('button', { name: /登\s*录/ }).waitFor();
}

/** Fills in the sign-in form and submits it; what follows is the caller's to wait for. */
export async function submitLogin(page: Page, who: Credentials): Promise<void> {
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Signs in on the sign-in screen and waits for the workbench. */
export async function login(page: Page, who: Credentials): Promise<void> {
  await submitLogin(page, who);
  await page.getByRole('navigation').getByText('工作台').waitFor();
}

/** Signs out with the header's button and waits for the sign-in screen. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.getByRole('button', { name: /登\s*录/ }).waitFor();
}
