import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { minimalIntake } from '../support/case-fixture';
import { tempDir } from '../support/tmp';
import {
  ADMIN,
  apiOk,
  launchBrowser,
  login,
  logout,
  newDeskPage,
  screenshot,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

const COUNSELLOR = { username: 'liuxin', displayName: '刘欣', password: 'Liu-Xin-2026!x' };

describe('backups: back up, add a case, restore, the case is gone and the restore audited (browser harness)', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  const stick = tempDir('counseldesk-e2e-backup-usb-');

  const nav = (name: string) => page.getByRole('navigation').getByText(name, { exact: true });

  beforeAll(async () => {
    desk = await startDesk({ folder: stick.dir });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    // Setup and intake go through the same contract calls (the foundation and casework e2e cover their UI).
    await page.getByRole('heading', { name: /初始设置/ }).waitFor();
    await page.getByRole('button', { name: '从备份恢复' }).waitFor();
    await screenshot(page, '70-setup-offers-restore');
    await setUpDesk(page, [{ ...COUNSELLOR, role: 'counsellor' }]);
    await apiOk(page, 'cases.create', minimalIntake());
    await signedOutPage(page);
    await login(page, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    stick.cleanup();
  });

  it('立即备份 on the settings page: the backup is listed and the last backup shown', async () => {
    await nav('设置').click();
    const card = page.locator('#settings-backup');
    await card.getByText('从未备份').waitFor();
    await card.getByText(/已经 7 天以上没有备份了/).waitFor();
    await card.getByRole('button', { name: '立即备份' }).click();
    await card.getByText(/备份已完成：backup-\d{4}-\d{2}-\d{2}-\d{6}-manual\.cdbk/).waitFor();
    await expect.poll(() => card.getByRole('button', { name: /^从 .* 的备份恢复$/ }).count()).toBe(1);
    await expect.poll(() => card.getByText(/已经 7 天以上没有备份了/).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '71-backup-card');
  });

  it('a case added after the backup is gone once the backup is restored; the restore is audited', async () => {
    await logout(page);
    await login(page, COUNSELLOR);
    await apiOk(
      page,
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-03', receiptNumber: 'SL-2026-0002' } }),
    );
    await nav('案件').click();
    await page.getByText('2026-LH-00002', { exact: true }).waitFor();
    await page.getByText('共 2 件').waitFor();
    await logout(page);

    await login(page, ADMIN);
    await nav('设置').click();
    const card = page.locator('#settings-backup');
    await card.getByRole('button', { name: /^从 .* 的备份恢复$/ }).click();
    const dialog = page.getByRole('dialog', { name: '从备份恢复' });
    await dialog.getByText(/当前数据将被备份中的数据替换；备份之后所做的更改都会丢失/).waitFor();
    await dialog.getByLabel('用户名', { exact: true }).fill(ADMIN.username);
    await dialog.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await screenshot(page, '72-restore-dialog');
    // Not without confirming that the current data will be replaced.
    await dialog.getByRole('button', { name: '恢复' }).click();
    await dialog.getByText('请填写此项').waitFor();
    await dialog.getByLabel('我知道当前数据会被替换').check();
    await dialog.getByRole('button', { name: '恢复' }).click();
    // Signed out: the sign-in screen, with no one remembered.
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByLabel('用户名', { exact: true }).waitFor();
    await screenshot(page, '73-after-restore-sign-in');

    await login(page, COUNSELLOR);
    await nav('案件').click();
    await page.getByText('2026-LH-00001', { exact: true }).waitFor();
    await page.getByText('共 1 件').waitFor();
    expect(await page.getByText('2026-LH-00002', { exact: true }).count()).toBe(0);
    await screenshot(page, '74-case-gone');
    await logout(page);

    await login(page, ADMIN);
    await nav('审计日志').click();
    await page.getByRole('cell', { name: '从备份恢复' }).first().waitFor();
    await screenshot(page, '75-restore-audited');
  });
});
