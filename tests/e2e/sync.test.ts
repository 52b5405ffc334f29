import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SyncStatus } from '../../src/shared/sync/status';
import { fingerprint } from '../../src/shared/sync/keys';
import { importFolder } from '../../src/server/receive/usb-import';
import { minimalIntake } from '../support/case-fixture';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { tempDir } from '../support/tmp';
import {
  ADMIN,
  apiOk,
  calmScreenshot,
  focusedId,
  launchBrowser,
  login,
  newDeskPage,
  OFFICE,
  SCREENSHOT_DIR,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

const COUNSELLOR = { username: 'liuxin', displayName: '刘欣', password: 'Liu-Xin-2026!x' };
const STATION = OFFICE.centreName;

const compact = (text: string) => text.replace(/\s+/g, '');

/** The number the 同步 page shows under 待同步变更 ("12 条"). */
async function pendingShown(page: Page): Promise<number> {
  return Number(/\d+/.exec(await page.getByTestId('sync-pending').innerText())?.[0] ?? NaN);
}

describe('sync: enrol, send over pinned TLS, carry by USB, fail plainly (browser harness, real county)', () => {
  let county: TestCounty;
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  const stick = tempDir('counseldesk-e2e-usb-');
  // What the folder dialog answers: the "stick", or null (the user cancelled).
  let chosenFolder: string | null = stick.dir;

  let countyUp = false;

  const syncMenu = (name: string | RegExp) =>
    page.getByRole('navigation').getByRole('menuitem', { name, exact: true });
  const openSyncPage = async () => {
    await syncMenu(/同步/).click();
    await page.getByRole('heading', { name: '同步', level: 1 }).waitFor();
  };

  beforeAll(async () => {
    county = await startTestCounty();
    countyUp = true;
    desk = await startDesk({ folder: () => chosenFolder });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    // The foundation and casework e2e cover setup and intake through the UI; here they go through the
    // same contract calls so this file can focus on sync: an admin, a counsellor, two cases.
    await setUpDesk(page, [{ ...COUNSELLOR, role: 'counsellor' }]);
    await apiOk(page, 'cases.create', minimalIntake());
    await apiOk(
      page,
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-03', receiptNumber: 'SL-2026-0002' } }),
    );
    await signedOutPage(page);
    await login(page, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    if (countyUp) await county.stop();
    stick.cleanup();
  });

  it('shows the changes waiting before enrolment, in the sidebar and on the 同步 page', async () => {
    // The sidebar badge's accessible name says what the number means.
    await syncMenu(/^同步：有 \d+ 条待同步$/).waitFor();
    await openSyncPage();
    await page.getByText('未注册', { exact: true }).waitFor();
    expect(await pendingShown(page)).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '立即同步' }).isDisabled()).toBe(true);
    await calmScreenshot(page, '40-sync-not-enrolled');
  });

  it('enrols with the county code in 设置 → 同步 and shows the county fingerprints for the phone check', async () => {
    const code = await county.enrol(STATION);
    // The 同步 page's note leads the admin to the code box.
    await page.getByRole('link', { name: /前往“设置 → 同步”注册/ }).click();
    const codeBox = page.getByLabel('注册码');
    await codeBox.waitFor();
    expect(await focusedId(page)).toBe(await codeBox.getAttribute('id'));

    // A mangled code is refused in plain words, and nothing is enrolled.
    await codeBox.fill('CDENROL1.not-a-code');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContainEqual(expect.stringMatching(/这不是有效的注册码/));

    await codeBox.fill(code);
    await page.getByRole('button', { name: '注册', exact: true }).click();
    const phoneCheck = page.getByRole('heading', { name: '请电话核对指纹' });
    await phoneCheck.waitFor({ timeout: 20_000 });
    // The code box is gone; the keyboard lands on the next step, the phone check.
    expect(await focusedId(page)).toBe(await phoneCheck.getAttribute('id'));
    const shown = async (key: string) =>
      compact(await page.getByTestId(`fingerprint-${key}`).locator('dd').innerText());
    expect(await shown('tlsFingerprint')).toBe(county.tlsFingerprint);
    expect(await shown('countyFingerprint')).toBe(county.keys.fingerprint);
    expect(await shown('receiptFingerprint')).toBe(await fingerprint(county.keys.signing.publicKey));
    // Grouped in fours for reading aloud.
    const groups = (await page.getByTestId('fingerprint-tlsFingerprint').locator('dd').innerText())
      .trim()
      .split(/\s+/);
    expect(groups).toHaveLength(16);
    expect(groups.every((g) => g.length === 4)).toBe(true);
    await page.getByText(STATION).first().waitFor();
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page
      .locator('#settings-sync')
      .screenshot({ path: join(SCREENSHOT_DIR, '41-settings-sync-enrolled.png') });

    // Automatic sync off, so that the desk sends only when this test says so (立即同步, USB).
    const auto = page.getByRole('switch', { name: '自动同步' });
    expect(await auto.getAttribute('aria-checked')).toBe('true');
    await auto.press('Space');
    await page.getByLabel('同步间隔（分钟）').fill('30');
    await page.getByRole('button', { name: '保存同步设置' }).click();
    await page.getByText('同步设置已保存').waitFor();
    const saved = await apiOk<SyncStatus>(page, 'sync.status', null);
    expect(saved.settings).toEqual({ autoSync: false, intervalMinutes: 30 });
  });

  it('立即同步 sends everything: pending 0, last success set, a delivered batch, envelopes at the county', async () => {
    await openSyncPage();
    await page.getByText(`已注册：${STATION}`).waitFor();
    expect(await pendingShown(page)).toBeGreaterThan(0);
    await calmScreenshot(page, '42-sync-pending');

    await page.getByRole('button', { name: '立即同步' }).click();
    await expect.poll(() => pendingShown(page), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByText('从未同步').count()).toBe(0);
    await page.getByRole('cell', { name: '已送达' }).first().waitFor();
    // Nothing waits and nothing failed: the sidebar item is plain "同步" again.
    await syncMenu('同步').waitFor();

    const status = await apiOk<SyncStatus>(page, 'sync.status', null);
    expect(status.lastError).toBeNull();
    expect(status.lastSuccessAt).not.toBeNull();
    const device = status.enrolment?.deviceId ?? '';
    const stored = await county.store.db
      .selectFrom('envelopes')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('device', '=', device)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(status.history.filter((b) => b.status === 'delivered').length);
    expect(Number(stored.n)).toBeGreaterThan(0);
    await calmScreenshot(page, '43-sync-delivered');
  });

  it('carries the batches by USB: a cancelled dialog writes nothing, county receipts mark them delivered', async () => {
    // A new change to send (users are synced).
    await apiOk(page, 'users.create', {
      username: 'chenvol',
      displayName: '陈志愿',
      role: 'volunteer',
      temporaryPassword: 'Temp-Pass-0002',
    });
    await page.reload();
    await page.getByRole('heading', { name: '同步', level: 1 }).waitFor();
    await expect.poll(() => pendingShown(page)).toBeGreaterThan(0);

    chosenFolder = null;
    await page.getByRole('button', { name: '导出到U盘' }).click();
    await page.getByText('已取消，没有读写任何文件。').waitFor();
    expect(readdirSync(stick.dir)).toEqual([]);

    chosenFolder = stick.dir;
    await page.getByRole('button', { name: '导出到U盘' }).click();
    await page.getByText(/已把 \d+ 个批次文件（共 \d+ 条变更）写入所选文件夹/).waitFor({ timeout: 20_000 });
    const batches = readdirSync(stick.dir).filter((f) => f.endsWith('.cdsb'));
    expect(batches.length).toBeGreaterThan(0);
    await page.getByRole('cell', { name: '待回执' }).first().waitFor();
    await calmScreenshot(page, '44-sync-usb-export');

    // At the county: the same verify-and-store path as HTTPS, one receipt file per batch.
    const imported = await importFolder(county.store, county.keys, stick.dir);
    expect(imported.failed).toEqual([]);
    expect(imported.receipts).toHaveLength(batches.length);

    await page.getByRole('button', { name: '导入回执' }).click();
    await page.getByText(`已导入 ${batches.length} 份回执，对应的批次已标记为已送达。`).waitFor();
    await expect.poll(() => pendingShown(page)).toBe(0);
    expect(await page.getByRole('cell', { name: '待回执' }).count()).toBe(0);
    await calmScreenshot(page, '45-sync-usb-receipts');
    // The result stays until the user dismisses it (or starts another USB action).
    await page.getByRole('button', { name: '关闭这条提示' }).click();
    await page.getByText(/已导入 \d+ 份回执/).waitFor({ state: 'detached' });
  });

  it('says in plain Chinese that the county cannot be reached when it is down', async () => {
    await apiOk(page, 'users.create', {
      username: 'zhaovol',
      displayName: '赵志愿',
      role: 'volunteer',
      temporaryPassword: 'Temp-Pass-0003',
    });
    await county.stop();
    countyUp = false;
    await page.getByRole('button', { name: '立即同步' }).click();
    await page.getByText(/无法连接县服务器/).waitFor({ timeout: 30_000 });
    await syncMenu('同步出错').waitFor();
    expect(await pendingShown(page)).toBeGreaterThan(0);
    await calmScreenshot(page, '46-sync-unreachable');
  });
});
