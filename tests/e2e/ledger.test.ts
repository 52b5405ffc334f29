import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullIntake } from '../support/case-fixture';
import { tempDir } from '../support/tmp';
import {
  apiOk,
  launchBrowser,
  login,
  newDeskPage,
  screenshot,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

/*
 * 导出工作台账 from the 统计 page (browser harness, real services, encrypted store): the button works by
 * keyboard, says where the file went, and the file in the folder is the period's ledger. The platform's
 * folder dialog answers a temp folder (the harness cannot show a native dialog).
 */

const DIRECTOR = { username: 'zhaodir', displayName: '赵主任', password: 'Zhao-Dir-2026!x' };

describe('统计: 导出工作台账 (browser harness)', () => {
  const out = tempDir('counseldesk-e2e-ledger-');
  const folder = join(out.dir, 'stick');
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(folder);
    desk = await startDesk({ folder });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    await setUpDesk(page, [{ ...DIRECTOR, role: 'director' }]);
    // A case received today: this month's ledger holds it.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await apiOk(
      page,
      'cases.create',
      fullIntake({
        filing: { receivedDate: today, receiptNumber: 'SL-2026-0099' },
        consent: { consentedBy: 'both', consentedAt: today, method: 'written' },
      }),
    );
    await signedOutPage(page);
    await login(page, DIRECTOR);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    out.cleanup();
  });

  it('writes the period’s ledger into the chosen folder and says where', async () => {
    await page.getByRole('navigation').getByText('统计').click();
    await page.getByRole('heading', { name: '统计', level: 1 }).waitFor();
    const button = page.getByRole('button', { name: /导出工作台账/ });
    await button.focus();
    await page.keyboard.press('Enter');
    const status = page.getByRole('status').filter({ hasText: '保存在' });
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toContain(folder);
    expect(await status.textContent()).toContain('案件 1 件');
    await screenshot(page, 'ledger-export-done');

    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^工作台账-\d{4}-\d{2}-\d{2}至\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.readFile(join(folder, files[0]!));
    const cases = wb.getWorksheet('案件登记');
    expect(cases?.actualRowCount).toBe(2);
    expect(cases?.getRow(2).getCell(13).text).toBe('张三');
  }, 120_000);
});
