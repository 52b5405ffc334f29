import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addDays, localDateAt } from '../../src/shared/calendar';
import {
  apiOk,
  focusedId,
  launchBrowser,
  login,
  newDeskPage,
  pdfText,
  saveDownload,
  screenshot,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

/*
 * The volunteer roster and outreach events as a director uses them (browser harness, real services,
 * encrypted store): register volunteers with and without the confidentiality pledge, add a training,
 * record a 婚前辅导培训 with a roster speaker and 40 attendees, read 1 场 / 40 人次, print the sign-in sheet.
 */

const DIRECTOR = { username: 'zhangzr', displayName: '张主任', password: 'Zhang-Zr-2026!x' };
const TODAY = localDateAt(new Date());
const PLEDGE = addDays(TODAY, -10);

/** Picks an option of an antd Select found by its label. */
async function choose(scope: Page | Locator, label: string | RegExp, option: string, page: Page) {
  await scope.getByLabel(label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // The list has closed (a key pressed next goes to the form, not to the list).
  await expect
    .poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count())
    .toBe(0);
}

describe('volunteers and outreach events as a director', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk();
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    // Setup and accounts through the contract (the foundation e2e covers them in the UI).
    await setUpDesk(page, [{ ...DIRECTOR, role: 'director' }]);
    await signedOutPage(page);
    await login(page, DIRECTOR);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('registers a volunteer with a signed pledge and adds a training', async () => {
    await page.getByRole('navigation').getByText('志愿者').click();
    await page.getByRole('heading', { name: '志愿者', level: 1 }).waitFor();
    await page.getByText('还没有登记志愿者。').waitFor();
    await screenshot(page, '50-volunteers-empty');

    await page.getByRole('button', { name: '登记志愿者' }).click();
    const form = page.getByRole('dialog', { name: '登记志愿者' });
    // Focus lands in the first field.
    const nameId = await form.getByLabel('姓名').getAttribute('id');
    await expect.poll(() => focusedId(page)).toBe(nameId);
    await form.getByLabel('姓名').fill('赵明律师');
    await form.getByLabel('联系电话').fill('13905310001');
    await choose(form, '职业', '律师', page);
    await form.getByText('具有专业资质').click();
    await form.getByLabel('保密承诺书签署日期').first().fill(PLEDGE);
    await form.getByLabel('备注').click();
    await expect
      .poll(() => page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').count())
      .toBe(0);
    await screenshot(page, '51-volunteer-form');
    // Enter in a field submits the form.
    await form.getByLabel('姓名').press('Enter');

    await page.getByRole('heading', { name: '赵明律师', level: 1 }).waitFor();
    await page.getByText('可指派', { exact: true }).waitFor();
    expect(await page.getByText('未签署保密承诺书').count()).toBe(0);

    await page.getByRole('button', { name: '添加培训记录' }).click();
    const training = page.getByRole('dialog', { name: '添加培训记录' });
    await training.getByLabel('培训内容').fill('反家庭暴力法与婚姻家庭纠纷调解');
    await training.getByLabel('学时（小时）').fill('2.5');
    // Enter in a field saves the form.
    await training.getByLabel('学时（小时）').press('Enter');
    await page.getByRole('cell', { name: '反家庭暴力法与婚姻家庭纠纷调解' }).first().waitFor();
    await screenshot(page, '52-volunteer-detail');
    const roster = await apiOk<{ rows: { id: string }[] }>(page, 'volunteers.list', {});
    const file = await apiOk<{ trainings: unknown[] }>(page, 'volunteers.get', {
      volunteerId: roster.rows[0]?.id,
    });
    expect(file.trainings.length).toBe(1);
    await page.getByText('累计 2.5 小时').waitFor();
    await screenshot(page, '52-volunteer-detail');
  });

  it('registers one without a pledge: the roster and the page say so clearly', async () => {
    await page.getByRole('link', { name: '返回志愿者名册' }).click();
    await page.getByRole('button', { name: '登记志愿者' }).click();
    const form = page.getByRole('dialog', { name: '登记志愿者' });
    await form.getByLabel('姓名').fill('钱晓心理咨询师');
    await choose(form, '职业', '心理咨询师', page);
    // Esc with typed words asks first; keep editing.
    await form.getByLabel('姓名').press('Escape');
    await page.getByRole('button', { name: '继续填写' }).click();
    await form.getByRole('button', { name: /^登\s*记$/ }).click();
    await page.getByRole('heading', { name: '钱晓心理咨询师', level: 1 }).waitFor();
    await expect.poll(() => page.getByText('未签署保密承诺书').count()).toBeGreaterThan(0);
    await screenshot(page, '53-volunteer-no-pledge');

    await page.getByRole('link', { name: '返回志愿者名册' }).click();
    const row = page.getByRole('row', { name: /钱晓心理咨询师/ });
    await row.getByText('未签署保密承诺书').waitFor();
    await page
      .getByRole('row', { name: /赵明律师/ })
      .getByText('可指派')
      .waitFor();
    await page.getByLabel('只看可指派的').check();
    await expect.poll(() => page.getByRole('row', { name: /钱晓心理咨询师/ }).count()).toBe(0);
    await page.getByLabel('只看可指派的').uncheck();
    await page.getByRole('row', { name: /钱晓心理咨询师/ }).waitFor();
    await screenshot(page, '54-volunteers-roster');
  });

  it('records a 婚前辅导培训 with a roster speaker and 40 attendees: 1 场 / 40 人次', async () => {
    await page.getByRole('navigation').getByText('活动').click();
    await page.getByRole('heading', { name: '活动', level: 1 }).waitFor();
    await page.getByRole('button', { name: '登记活动' }).click();
    const form = page.getByRole('dialog', { name: '登记活动' });
    await choose(form, '活动类型', '婚前辅导培训', page);
    await form.getByLabel('主题').fill('新婚夫妻沟通与家庭责任');
    await form.getByLabel('地点').fill('章丘区婚姻登记处二楼培训室');
    await form.getByRole('button', { name: '添加主讲人' }).click();
    await choose(form, '主讲人 1：从志愿者名册选择', '赵明律师', page);
    await expect.poll(() => form.getByLabel('主讲人 1：不在名册中的填写姓名').isDisabled()).toBe(true);
    await form.getByLabel('参加人数（人次）').fill('40');
    await screenshot(page, '55-event-form');
    await form.getByRole('button', { name: /^登\s*记$/ }).click();

    const row = page.getByRole('row', { name: /新婚夫妻沟通与家庭责任/ });
    await row.waitFor();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByText('赵明律师').count()).toBe(1);
    const totals = page.getByRole('region', { name: '场次与人次' });
    await expect.poll(() => totals.innerText()).toMatch(/场次\s*1\s*场/);
    await expect.poll(() => totals.innerText()).toMatch(/人次\s*40\s*人次/);
    await screenshot(page, '56-events-totals');

    // The speaker's service hours now include the held event (2 hours by default).
    const volunteers = await apiOk<{ rows: { id: string; name: string }[] }>(page, 'volunteers.list', {});
    const zhao = volunteers.rows.find((v) => v.name === '赵明律师')?.id ?? '';
    const detail = await apiOk<{ serviceHours: { events: number; eventHours: number } }>(
      page,
      'volunteers.get',
      { volunteerId: zhao },
    );
    expect(detail.serviceHours).toMatchObject({ events: 1, eventHours: 2 });
  });

  it('prints the sign-in sheet, named by the date only', async () => {
    const row = page.getByRole('row', { name: /新婚夫妻沟通与家庭责任/ });
    const file = await saveDownload(page, () => row.getByRole('button', { name: '打印签到表' }).click());
    expect(basename(file)).toBe(`sign-in-sheet-${TODAY}.pdf`);
    const text = pdfText(file);
    expect(text).toContain('签到表');
    expect(text).toContain('新婚夫妻沟通与家庭责任');
    expect(text).toContain('赵明律师');
    expect(text).toMatch(/^\s*40\s*$/m);
    await page.getByText(/已生成 sign-in-sheet-/).waitFor();
  });
});
