import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/shared/calendar/local-date';
import {
  apiOk,
  launchBrowser,
  login,
  newDeskPage,
  screenshot,
  settled,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

/*
 * The 工作台 with more than its first rows (issue 13): the deadlines section shows the true count and its
 * first eight cases, and 查看全部 N 条 opens 案件 filtered to the same window, where 共 N 件 is the same
 * number. Seeding goes through the contract; everything after is found by role and Chinese label.
 */

const DIRECTOR = { username: 'qiandir', displayName: '钱主任', password: 'Qian-Dir-2026!x' };
const FIRST_ROWS = 8;
const CASES = 11;
/** Marital-counselling cases (no filing, no deadline): enough for a second page of 案件. */
const OTHER_CASES = 45;

describe('工作台: true counts and 查看全部 (browser harness)', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk();
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    await setUpDesk(page, [{ ...DIRECTOR, role: 'director' }]);
    const { today } = await apiOk<{ today: string }>(page, 'dashboard.get', {});
    // Filings received 24–26 days ago: their 30-day withdrawal deadlines fall within the next two weeks
    // (holidays can push a deadline a few days on, still inside 14).
    for (let i = 0; i < CASES; i++) {
      await apiOk(page, 'cases.create', {
        parties: [
          { name: `甲${i}`, sex: 'male' },
          { name: `乙${i}`, sex: 'female' },
        ],
        filing: { receivedDate: addDays(today, -24 - (i % 3)), receiptNumber: `LH-DASH-${i}` },
      });
    }
    for (let i = 0; i < OTHER_CASES; i++) {
      await apiOk(page, 'cases.create', {
        parties: [
          { name: `丙${i}`, sex: 'male' },
          { name: `丁${i}`, sex: 'female' },
        ],
        type: 'marital',
      });
    }
    await signedOutPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('shows the true count and the first rows, and 查看全部 opens the same cases in 案件', async () => {
    await login(page, DIRECTOR);
    // antd's radio buttons hide the input: click its words, then check the radio took it.
    await page.getByText('14 天内', { exact: true }).click();
    await expect.poll(() => page.getByRole('radio', { name: '14 天内' }).isChecked()).toBe(true);
    const deadlines = page.getByRole('region', { name: /即将到期的法定期限/ });
    const viewAll = deadlines.getByRole('link', { name: `查看全部 ${CASES} 条` });
    await viewAll.waitFor();
    // Eight case rows (each a link to its case) and the 查看全部 link: never the whole list.
    await expect.poll(() => deadlines.getByRole('listitem').count()).toBe(FIRST_ROWS);
    expect(await deadlines.getByRole('heading').innerText()).toContain(String(CASES));
    const soonest = (await deadlines.getByRole('listitem').first().innerText()).split(/\s/)[0] ?? '';
    expect(soonest).toMatch(/\d{4}/);
    // The sidebar's sync badge says how many changes wait — every one of them (more than 99 here), not "99+".
    const { pendingChanges } = await apiOk<{ pendingChanges: number }>(page, 'sync.status', null);
    expect(pendingChanges).toBeGreaterThan(99);
    const waiting = new Intl.NumberFormat('zh-CN').format(pendingChanges);
    const syncItem = page.getByRole('menuitem', { name: `同步：有 ${waiting} 条待同步` });
    await syncItem.waitFor();
    expect(await syncItem.innerText()).toContain(waiting);
    expect(await syncItem.innerText()).not.toContain('+');
    await settled(page);
    await screenshot(page, 'dashboard-01-true-counts');

    await viewAll.click();
    await page.getByRole('heading', { name: '案件', exact: true }).waitFor();
    await page.getByText(`共 ${CASES} 件`).waitFor();
    // The filter says what the list is: running deadlines within the window, soonest first.
    expect(await page.getByLabel('期限到期日起').inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await page.getByLabel('期限到期日止').inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    await page.getByRole('main').getByText(soonest, { exact: true }).first().waitFor();
    await settled(page);
    await screenshot(page, 'dashboard-02-case-list-filtered');

    // Clearing the filters shows every case again: two pages, and a jump-to-page box named for what it does.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByText(`共 ${CASES + OTHER_CASES} 件`).waitFor();
    expect(await page.getByLabel('期限到期日起').inputValue()).toBe('');
    const jump = page.getByRole('textbox', { name: '跳至页码' });
    await jump.fill('2');
    await jump.press('Enter');
    const secondPage = page.getByLabel('第 2 页').locator('xpath=ancestor::li[1]');
    await expect.poll(() => secondPage.getAttribute('class')).toMatch(/ant-pagination-item-active/);
    await settled(page);
    await screenshot(page, 'dashboard-03-case-list-page-2');
  });
});
