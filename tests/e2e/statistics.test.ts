import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../src/main/desk/platform';
import { fullIntake, minimalIntake, residentId } from '../support/case-fixture';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiOk,
  goTo,
  launchBrowser,
  login,
  logout,
  newDeskPage,
  SCREENSHOT_DIR,
  screenshot,
  settled,
  startDesk,
  type DeskUnderTest,
} from './support';

/*
 * The 统计 page as a director and as a counsellor (browser harness, real services, encrypted store). The
 * desk and the browser both live on 2026-05-20 (office time), so "this month" is May 2026. Seeded through
 * the contract: four divorce filings in May (three counselled: 表示和好 / 暂缓离婚 / 选择离婚, one by
 * phone and one online), two in March (表示和好, 选择离婚), an outreach event in May with 40 attendees.
 * Counsellor 王辅导 has three of the six cases (two in May), 李辅导 the other three.
 */

const NOW = Date.parse('2026-05-20T02:00:00.000Z'); // 10:00 on 2026-05-20 in China Standard Time
const ADMIN = { username: 'admin', displayName: '王管理', password: 'Desk-Admin-2026!' };
const DIRECTOR = { username: 'zhaodir', displayName: '赵主任', password: 'Zhao-Dir-2026!x' };
const WANG = { username: 'wangfd', displayName: '王辅导', password: 'Wang-Fd-2026!xx' };
const LI = { username: 'lifd', displayName: '李辅导', password: 'Li-Fd-2026!xxxx' };

/** The wall clock moved to NOW when the test starts (it runs on from there). */
class ShiftedClock implements Clock {
  readonly #offsetMs = NOW - Date.now();
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
}

interface Seed {
  counsellor: typeof WANG;
  received: string;
  session: { date: string; channel: 'face_to_face' | 'voice' | 'text'; result: string } | null;
}

const n = (i: number) => String(i).padStart(2, '0');
const SEEDS: Seed[] = [
  {
    counsellor: WANG,
    received: '2026-05-06',
    session: { date: '2026-05-08', channel: 'face_to_face', result: 'reconcile' },
  },
  {
    counsellor: WANG,
    received: '2026-05-07',
    session: { date: '2026-05-11', channel: 'voice', result: 'postpone' },
  },
  {
    counsellor: LI,
    received: '2026-05-12',
    session: { date: '2026-05-13', channel: 'text', result: 'divorce' },
  },
  { counsellor: LI, received: '2026-05-14', session: null },
  {
    counsellor: WANG,
    received: '2026-03-03',
    session: { date: '2026-03-05', channel: 'face_to_face', result: 'reconcile' },
  },
  {
    counsellor: LI,
    received: '2026-03-10',
    session: { date: '2026-03-12', channel: 'face_to_face', result: 'divorce' },
  },
];

/** A figure's link, by its accessible name ("辅导对数 3，查看名单"). */
const figure = (page: Page, name: string, value: string) =>
  page.getByRole('link', { name: `${name} ${value}，查看名单`, exact: true });

describe('统计: the figures of a period, their lists, a counsellor’s own figures (browser harness)', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    desk = await startDesk({ clock: new ShiftedClock() });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    // The page's "current month" is the browser's: keep it on the desk's day.
    await page.clock.setFixedTime(NOW);
    await page.reload();
    await page.getByRole('heading', { name: /初始设置/ }).waitFor();
    await apiOk(page, 'setup.create', {
      office: {
        county: '章丘区',
        registryOffice: '章丘区婚姻登记处',
        centreName: '章丘区婚姻家庭辅导中心',
        level: 'centre',
      },
      admin: ADMIN,
      language: 'zh-CN',
    });
    for (const [user, role] of [
      [DIRECTOR, 'director'],
      [WANG, 'counsellor'],
      [LI, 'counsellor'],
    ] as const) {
      const created = await apiOk<{ id: string }>(page, 'users.create', {
        username: user.username,
        displayName: user.displayName,
        role,
        temporaryPassword: 'Temp-Pass-0001',
      });
      ids[user.username] = created.id;
    }
    for (const user of [DIRECTOR, WANG, LI]) {
      await apiOk(page, 'auth.logout', null);
      await apiOk(page, 'auth.login', { username: user.username, password: 'Temp-Pass-0001' });
      await apiOk(page, 'auth.changePassword', {
        currentPassword: 'Temp-Pass-0001',
        newPassword: user.password,
      });
    }
    let i = 0;
    for (const seed of SEEDS) {
      i += 1;
      await apiOk(page, 'auth.logout', null);
      await apiOk(page, 'auth.login', {
        username: seed.counsellor.username,
        password: seed.counsellor.password,
      });
      const filing = { receivedDate: seed.received, receiptNumber: `SL-2026-00${n(i)}` };
      const input =
        i % 2 === 1
          ? fullIntake({
              filing,
              consent: { consentedBy: 'both', consentedAt: seed.received, method: 'written' },
              reasons: {
                categories: i === 1 ? ['financial', 'in_laws'] : ['incompatibility'],
                text: '家庭矛盾',
              },
              parties: [
                {
                  name: `甲${i}`,
                  documentType: 'resident_id',
                  documentNumber: residentId(`1990-01-${n(i)}`, 'male'),
                  phone: `139000000${n(i)}`,
                },
                {
                  name: `乙${i}`,
                  documentType: 'resident_id',
                  documentNumber: residentId(`1991-02-${n(i)}`, 'female'),
                  phone: `138000000${n(i)}`,
                },
              ],
            })
          : minimalIntake({ filing });
      const created = await apiOk<{ id: string }>(page, 'cases.create', input);
      if (seed.session) {
        const draft = await apiOk<{ id: string }>(page, 'records.saveDraft', {
          caseId: created.id,
          counsellorIds: [ids[seed.counsellor.username]],
          sessionDate: seed.session.date,
          halfDay: 'am',
          channel: seed.session.channel,
          interviewNotes: '双方陈述，情绪稳定',
          result: seed.session.result,
          satisfaction: 'satisfied',
        });
        await apiOk(page, 'records.sign', { recordId: draft.id });
      }
    }
    await apiOk(page, 'auth.logout', null);
    await apiOk(page, 'auth.login', { username: DIRECTOR.username, password: DIRECTOR.password });
    await apiOk(page, 'events.create', {
      type: 'happiness_class',
      date: '2026-05-09',
      place: '婚姻登记处二楼',
      topic: '沟通与倾听',
      durationHours: 1.5,
      speakers: [],
      attendeeCount: 40,
    });
    await apiOk(page, 'auth.logout', null);
    await page.reload();
    await login(page, DIRECTOR);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('shows this month’s figures, both 劝和率 with their definitions, and the charts', async () => {
    await page.getByRole('navigation').getByText('统计').click();
    await page.getByRole('heading', { name: '统计', level: 1 }).waitFor();
    await page.getByText('2026-05-01 至 2026-05-31').waitFor();
    await figure(page, '受理离婚登记申请', '4').waitFor();
    // The ledger export of the period sits in the page's header.
    expect(await page.getByRole('button', { name: /导出工作台账/ }).count()).toBe(1);
    await expect.poll(() => figure(page, '其中已辅导', '3').count()).toBe(1);
    await expect.poll(() => figure(page, '辅导对数', '3').count()).toBeGreaterThan(0);
    for (const [name, value] of [
      ['表示和好', '1'],
      ['暂缓离婚', '1'],
      ['选择离婚', '1'],
      ['劝和对数（含暂缓、撤回）', '2'],
      ['活动场次', '1'],
      ['活动人次', '40'],
      ['辅导人次（记录数）', '3'],
    ] as const) {
      expect(await figure(page, name, value).count(), name).toBeGreaterThan(0);
    }
    const broad = page.locator('.stats-tile-rate', { hasText: '劝和率（含暂缓、撤回）' });
    await expect.poll(() => broad.locator('.stats-percent').textContent()).toBe('66.7%');
    expect(await broad.textContent()).toContain('劝和对数（含暂缓、撤回）÷ 辅导对数');
    const strict = page.locator('.stats-tile-rate', { hasText: '劝和率（仅表示和好）' });
    expect(await strict.locator('.stats-percent').textContent()).toBe('33.3%');
    expect(await strict.textContent()).toContain('表示和好 ÷ 辅导对数');
    const counselling = page.locator('.stats-tile-rate', { hasText: '辅导率' });
    expect(await counselling.locator('.stats-percent').textContent()).toBe('75.0%');
    // The breakdowns are links too; the charts are named figures with their values in words.
    expect(await figure(page, '辅导方式：声对声', '1').count()).toBe(1);
    for (const title of ['月度趋势', '辅导结果', '辅导方式', '离婚原因', '转介结果']) {
      expect(await page.getByRole('figure', { name: title }).count(), title).toBe(1);
    }
    expect(await page.locator('.stats-chart-canvas canvas').count()).toBe(5);
    // Every chart is drawn across its box (not squeezed into a corner).
    await expect
      .poll(() =>
        page.locator('.stats-chart-canvas').evaluateAll((boxes) => {
          interface Box {
            getBoundingClientRect(): { width: number };
            querySelector(selector: string): Box | null;
          }
          return (boxes as unknown as Box[]).map((b) => {
            const canvas = b.querySelector('canvas');
            return canvas
              ? Math.round(canvas.getBoundingClientRect().width - b.getBoundingClientRect().width)
              : -1;
          });
        }),
      )
      .toEqual([0, 0, 0, 0, 0]);
    await settled(page);
    await screenshot(page, '80-statistics-month');
    // Close-ups at full size, to read the Chinese text of the tiles and the charts.
    await page
      .locator('.stats-group')
      .first()
      .screenshot({ path: join(SCREENSHOT_DIR, '80a-statistics-month-divorce.png') });
    await page
      .locator('.stats-charts')
      .screenshot({ path: join(SCREENSHOT_DIR, '80b-statistics-month-charts.png') });
  });

  it('switches to the year and opens the list behind a number: as many rows as the number, each opens its case', async () => {
    await page.locator('.stats-filters').getByText('年', { exact: true }).click();
    await page.getByText('2026-01-01 至 2026-12-31').waitFor();
    await figure(page, '受理离婚登记申请', '6').waitFor();
    const broad = page.locator('.stats-tile-rate', { hasText: '劝和率（含暂缓、撤回）' });
    await expect.poll(() => broad.locator('.stats-percent').textContent()).toBe('60.0%');
    // The trend has a row per month of the year; March holds two counselled cases.
    expect(await figure(page, '2026-03 辅导对数', '2').count()).toBe(1);
    await settled(page);
    await screenshot(page, '81-statistics-year');
    await page
      .locator('.stats-charts')
      .screenshot({ path: join(SCREENSHOT_DIR, '81b-statistics-year-charts.png') });

    await figure(page, '辅导对数', '5').first().click();
    await page.getByRole('heading', { name: '辅导对数名单', level: 1 }).waitFor();
    await page.getByText('共 5 条', { exact: true }).first().waitFor();
    await settled(page);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(5);
    await screenshot(page, '82-statistics-list');

    const first = page.getByRole('link', { name: /^打开案件 / }).first();
    const label = ((await first.getAttribute('aria-label')) ?? '').replace('打开案件 ', '');
    expect(label).not.toBe('');
    await first.click();
    await page.getByRole('heading', { name: `案件 ${label}`, level: 1 }).waitFor();

    // Back to the page: the year is still chosen.
    await page.goBack();
    await page.getByRole('link', { name: '返回统计' }).click();
    await page.getByText('2026-01-01 至 2026-12-31').waitFor();
    await figure(page, '受理离婚登记申请', '6').waitFor();
  });

  it('narrows to a counsellor, and says so when a period has nothing', async () => {
    await page.getByRole('combobox', { name: /^辅导员/ }).click();
    await page.getByRole('option', { name: WANG.displayName, exact: true }).click();
    await page.getByText(`辅导员：${WANG.displayName}`).waitFor();
    await figure(page, '受理离婚登记申请', '3').waitFor();
    expect(await figure(page, '辅导对数', '3').count()).toBeGreaterThan(0);

    // A custom day with a filing and nobody counselled: the 劝和率 has no value ("—"), never 0%.
    await goTo(page, '#/statistics?mode=custom&from=2026-05-14&to=2026-05-14');
    await page.getByText('2026-05-14 至 2026-05-14').waitFor();
    await figure(page, '受理离婚登记申请', '1').waitFor();
    const broad = page.locator('.stats-tile-rate', { hasText: '劝和率（含暂缓、撤回）' });
    expect(await broad.locator('.stats-percent').textContent()).toBe('—');
    expect(await broad.textContent()).toContain('无数据（分母为 0）');
    const counselling = page.locator('.stats-tile-rate', { hasText: '辅导率' });
    expect(await counselling.locator('.stats-percent').textContent()).toBe('0.0%');

    await goTo(page, '#/statistics?mode=month&from=2025-01-01');
    await page.getByText('2025-01-01 至 2025-01-31').waitFor();
    await page.getByText('该统计期内没有案件、辅导记录、回访或活动。').waitFor();
    await screenshot(page, '83-statistics-empty');
  });

  it('prints the month’s report, submits it, and checks it against the figures now', async () => {
    await goTo(page, '#/statistics?mode=month&from=2026-05-01');
    await page.getByText('2026-05-01 至 2026-05-31').waitFor();
    await figure(page, '受理离婚登记申请', '4').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '打印统计报表' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe('statistics-report-2026-05-01-2026-05-31.pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'counseldesk-report-')), pdf.suggestedFilename());
    await pdf.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain('统计期间：2026年5月');

    // Keyboard: the submit button, then the confirmation's own button.
    await page.getByRole('button', { name: '报送本期报表' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: '报送本期统计报表？' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: /报\s*送/ }).click();
    const submitted = page.getByRole('region', { name: '已报送的报表' });
    await submitted.waitFor();
    expect(await submitted.getByText(`由 ${DIRECTOR.displayName} 报送`).count()).toBe(1);
    await submitted.getByRole('button', { name: '核对变化' }).click();
    const compared = page.getByRole('dialog', { name: /已报送报表（2026-05-01 至 2026-05-31）/ });
    await compared.getByText('报送后没有任何数字发生变化。').waitFor();
    await screenshot(page, '84-statistics-submitted');
    await compared
      .getByRole('button', { name: /关\s*闭/ })
      .last()
      .click();
    await compared.waitFor({ state: 'hidden' });
  });

  it('shows a counsellor their own figures only, without a counsellor picker', async () => {
    await logout(page);
    await login(page, WANG);
    await page.getByRole('navigation').getByText('统计').click();
    await page.getByRole('heading', { name: '统计', level: 1 }).waitFor();
    await page.getByText('2026-05-01 至 2026-05-31').waitFor();
    await figure(page, '受理离婚登记申请', '2').waitFor();
    expect(await figure(page, '辅导对数', '2').count()).toBeGreaterThan(0);
    const broad = page.locator('.stats-tile-rate', { hasText: '劝和率（含暂缓、撤回）' });
    expect(await broad.locator('.stats-percent').textContent()).toBe('100.0%');
    expect(await page.getByRole('combobox', { name: /^辅导员/ }).count()).toBe(0);

    // From the keyboard: the number is a real link.
    await figure(page, '受理离婚登记申请', '2').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '受理离婚登记申请名单', level: 1 }).waitFor();
    await page.getByText('共 2 条', { exact: true }).first().waitFor();
    await settled(page);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
  });
});
