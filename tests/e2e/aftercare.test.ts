import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Clock } from '../../src/main/desk/platform';
import {
  ADMIN,
  api,
  apiOk,
  goTo,
  launchBrowser,
  login,
  logout,
  newDeskPage,
  pdfText,
  saveDownload,
  screenshot,
  setUpDesk,
  settled,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

/*
 * Aftercare through the screens: a director opens a family archive from a case with a signed 表示和好, sees
 * its follow-up plan, assigns the one pledged volunteer; the volunteer sees only that visit, reads and
 * prints its packet and records it (with a safety concern); months later the director's dashboard shows
 * the next visit overdue and the concern, and the archive page acknowledges it.
 */

const DIRECTOR = { username: 'zhaodir', displayName: '赵主任', password: 'Zhao-Dir-2026!x' };
const VOLUNTEER = { username: 'zhouvol', displayName: '周志愿', password: 'Zhou-Vol-2026!x' };
const DAY_MS = 86_400_000;

/** The wall clock, moved forward by whole days when the test says so (the idle lock still runs in real time). */
class ShiftedClock implements Clock {
  #offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
  advanceDays(days: number): void {
    this.#offsetMs += days * DAY_MS;
  }
}

describe('aftercare: family archive, follow-up plan, the volunteer’s visit, the dashboard (browser harness)', () => {
  const clock = new ShiftedClock();
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  let caseId = '';
  let archiveNumber = '';
  let firstVisitId = '';

  beforeAll(async () => {
    desk = await startDesk({ clock });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    // Setup, accounts, the roster and a case with a signed result go through the contract (the foundation
    // and casework e2e cover those screens); the aftercare screens are driven below.
    const ids = await setUpDesk(page, [
      { ...VOLUNTEER, role: 'volunteer' },
      { ...DIRECTOR, role: 'director' },
    ]);
    // Signed in as the director now.
    const { today } = await apiOk<{ today: string }>(page, 'dashboard.get', {});
    await apiOk(page, 'volunteers.create', {
      name: '周志愿',
      profession: 'lawyer',
      qualified: true,
      pledgeSignedDate: today,
      userId: ids[VOLUNTEER.username],
    });
    await apiOk(page, 'volunteers.create', { name: '吴未签', profession: 'teacher', pledgeSignedDate: null });
    const created = await apiOk<{ id: string }>(page, 'cases.create', {
      parties: [
        { name: '张三', sex: 'male', phone: '13800001111' },
        { name: '李四', sex: 'female', phone: '13900002222' },
      ],
      filing: { receivedDate: today, receiptNumber: 'LH2026-0901' },
    });
    caseId = created.id;
    const draft = await apiOk<{ id: string }>(page, 'records.saveDraft', {
      caseId,
      counsellorIds: [ids[DIRECTOR.username]],
      sessionDate: today,
      halfDay: 'am',
      channel: 'face_to_face',
      interviewNotes: '双方冷静沟通后，愿意再给婚姻一次机会。',
      result: 'reconcile',
    });
    await apiOk(page, 'records.sign', { recordId: draft.id });
    await signedOutPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('lets the administrator edit the follow-up rules, refusing months out of order in Chinese', async () => {
    await login(page, ADMIN);
    await page.getByRole('navigation').getByText('设置').click();
    const rules = page.getByRole('form', { name: '回访规则' });
    const months = rules.getByLabel('表示和好的回访月份');
    await expect.poll(() => months.inputValue()).toBe('1, 3, 6, 12');
    await months.fill('1, 6, 3');
    await rules.getByRole('button', { name: '保存回访规则' }).click();
    await rules.getByText('月份要从小到大排列，不能重复').waitFor();
    await rules.getByText('月份要从小到大排列，不能重复').scrollIntoViewIfNeeded();
    await screenshot(page, 'aftercare-01-settings-rules');
    await months.fill('1, 3, 6, 12');
    await months.press('Enter');
    await page.getByText('回访规则已保存').waitFor();
    await logout(page);
  });

  it('opens the family archive from the case: a 表示和好 plan of four visits, one open', async () => {
    await login(page, DIRECTOR);
    // No archive yet: the list says how one is made.
    await page.getByRole('navigation').getByText('家庭档案').click();
    await page.getByText('还没有家庭档案').waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-02a-families-empty');
    await goTo(page, `#/cases/${caseId}`);
    await page.getByRole('heading', { name: /^案件 \d{4}-LH-\d{5}/ }).waitFor();
    await screenshot(page, 'aftercare-02b-case-action');
    await page.getByRole('button', { name: '建立家庭档案' }).click();
    const heading = page.getByRole('heading', { name: /^家庭档案 JT-\d{4}-\d{5}/ });
    await heading.waitFor({ timeout: 15_000 });
    archiveNumber = /JT-\d{4}-\d{5}/.exec(await heading.innerText())?.[0] ?? '';
    expect(archiveNumber).not.toBe('');

    const plans = page.getByRole('region', { name: '回访计划' });
    for (const n of [1, 2, 3, 4])
      await plans.getByRole('cell', { name: `第 ${n} 次`, exact: true }).waitFor();
    expect(await plans.getByText('待回访', { exact: true }).count()).toBe(1);
    expect(await plans.getByText('尚未开始', { exact: true }).count()).toBe(3);
    await page.getByText('跟踪服务关注婚姻关系的变化', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '张三', exact: true }).count()).toBe(1);
    await screenshot(page, 'aftercare-02-family');
  });

  it('assigns the pledged volunteer; the one without a pledge cannot be picked', async () => {
    await page.getByRole('button', { name: '指派志愿者' }).click();
    const dialog = page.getByRole('dialog', { name: '指派回访志愿者' });
    const pledged = dialog.getByRole('radio', { name: /周志愿/ });
    const unpledged = dialog.getByRole('radio', { name: /吴未签/ });
    await pledged.waitFor();
    expect(await unpledged.isDisabled()).toBe(true);
    await dialog.getByText('未签署保密承诺书').waitFor();
    await pledged.check();
    await screenshot(page, 'aftercare-03-assign');
    await dialog.getByRole('button', { name: '指派', exact: true }).click();
    await page.getByText('已指派 周志愿 负责回访').waitFor();
    await expect
      .poll(() =>
        page.getByRole('region', { name: '回访计划' }).getByRole('cell', { name: '周志愿' }).count(),
      )
      .toBe(1);

    // An elder joins the archive through the member dialog (Enter saves it).
    await page.getByRole('button', { name: '添加成员' }).click();
    const member = page.getByRole('dialog', { name: '添加家庭成员' });
    await member.getByLabel('类别').click();
    await page.getByRole('option', { name: '老人' }).click();
    await member.getByLabel('关系').fill('婆婆');
    await member.getByLabel('姓名').fill('王秀英');
    await member.getByLabel('年龄').fill('72');
    await member.getByLabel('现状').fill('独居，身体尚可');
    await screenshot(page, 'aftercare-03a-member');
    await member.getByLabel('现状').press('Enter');
    await page.getByRole('cell', { name: '王秀英', exact: true }).waitFor();
    await logout(page);
  });

  it('shows the volunteer only their visit, its packet, a printout, and records it', async () => {
    await login(page, VOLUNTEER);
    const nav = page.getByRole('navigation');
    await nav.getByText('回访').waitFor();
    for (const hidden of ['案件', '家庭档案', '志愿者']) {
      expect(await nav.getByText(hidden, { exact: true }).count(), hidden).toBe(0);
    }
    await page.getByRole('heading', { name: '我的回访' }).waitFor();
    await screenshot(page, 'aftercare-04-volunteer-home');

    await nav.getByText('回访').click();
    const later = page.getByRole('radio', { name: '以后（1）' });
    // antd's button-style radios hide the input itself: it is there, named by its visible label.
    await later.waitFor({ state: 'attached' });
    await expect.poll(() => later.isChecked()).toBe(true);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('cell', { name: archiveNumber, exact: true }).waitFor();
    await page.getByRole('cell', { name: '第 1/4 次', exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-05-volunteer-queue');

    await page.getByRole('button', { name: `${archiveNumber} 第 1 次回访资料` }).click();
    await page.getByRole('heading', { name: new RegExp(`^回访资料 ${archiveNumber}`) }).waitFor();
    firstVisitId = /visits\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
    await page.getByText('夫妻关系近况如何？').waitFor();
    await screenshot(page, 'aftercare-06-packet');

    const file = await saveDownload(page, () => page.getByRole('button', { name: '打印回访资料' }).click());
    expect(file).not.toMatch(/张三|李四/);
    const text = pdfText(file);
    expect(text).toContain(archiveNumber);

    await page.getByRole('button', { name: '记录回访' }).click();
    const form = page.getByRole('dialog', { name: /记录回访/ });
    await form.getByLabel('回访日期').waitFor();
    // The first field has the focus: the date, today by default.
    const focused = (el: unknown) =>
      el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;
    await expect.poll(() => form.getByLabel('回访日期').evaluate(focused)).toBe(true);
    await screenshot(page, 'aftercare-07a-record-open');
    await form.getByLabel('用时').fill('45');
    await form.getByLabel('见到了谁').fill('夫妻二人');
    await form.getByLabel('婚姻状况').click();
    await page.getByRole('option', { name: '好转' }).click();
    await form.getByLabel('发现的问题').fill('丈夫近来失业，家里经济紧张。');
    await form.getByLabel('下一步').fill('联系街道就业服务站。');
    await form.getByRole('switch', { name: '发现安全问题' }).click();
    await form.getByRole('button', { name: '保存回访记录' }).click();
    // A concern needs its note before anything is saved.
    await form.getByText('请填写此项').waitFor();
    await form.getByLabel('安全问题说明').fill('邻居反映夫妻上周争吵时摔砸东西，孩子受到惊吓。');
    await screenshot(page, 'aftercare-07-record');
    await form.getByRole('button', { name: '保存回访记录' }).click();

    const notice = page.getByRole('status').filter({ hasText: '已记录第 1 次回访' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/下一次（第 2 次）回访已安排，应在 \d{4}-\d\d-\d\d 前完成/);
    await page.getByRole('cell', { name: '第 2/4 次', exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-08-recorded');

    // The visit is done: its packet is no longer served, to anyone.
    const again = await api(page, 'followups.packet', { visitId: firstVisitId });
    expect(again.ok ? 'served' : again.error.code).toBe('VISIT_NOT_OPEN');
    const dashboard = await api(page, 'dashboard.get', {});
    expect(dashboard.ok ? 'served' : dashboard.error.code).toBe('FORBIDDEN');
    await logout(page);
  });

  it('shows the director the overdue visit and the safety concern months later', async () => {
    // Visit 2 falls due three months after the result; move the desk's calendar well past it.
    clock.advanceDays(100);
    await login(page, DIRECTOR);
    const overdue = page.getByRole('region', { name: /逾期回访/ });
    await overdue.getByRole('link', { name: new RegExp(archiveNumber) }).waitFor();
    await expect.poll(() => overdue.getByText(/逾期 \d+ 天/).count()).toBe(1);
    const concerns = page.getByRole('region', { name: /回访安全提示/ });
    await concerns.getByRole('link', { name: new RegExp(archiveNumber) }).waitFor();
    await screenshot(page, 'aftercare-09-dashboard');

    await concerns.getByRole('link', { name: new RegExp(archiveNumber) }).click();
    await page.getByRole('heading', { name: `家庭档案 ${archiveNumber}` }).waitFor();
    const plans = page.getByRole('region', { name: '回访计划' });
    await plans.getByText(/逾期 \d+ 天/).waitFor();
    await plans.getByRole('button', { name: '查看第 1 次回访记录' }).click();
    await plans.getByText('联系街道就业服务站。').waitFor();
    await page.getByText('邻居反映夫妻上周争吵时摔砸东西').first().waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-10-family-overdue');

    await page.getByRole('button', { name: '确认已知悉' }).click();
    await page.getByText('已确认知悉').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '确认已知悉' }).count()).toBe(0);
    await page.getByRole('navigation').getByText('工作台').click();
    await page
      .getByRole('region', { name: /回访安全提示/ })
      .getByText('没有需要确认的安全提示。')
      .waitFor();

    // A director's queue: everyone's visits by default, with the scope switch and a volunteer filter.
    await page.getByRole('navigation').getByText('回访').click();
    const overdueBucket = page.getByRole('radio', { name: '已逾期（1）' });
    await overdueBucket.waitFor({ state: 'attached' });
    await expect.poll(() => overdueBucket.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '全部', exact: true }).isChecked()).toBe(true);
    await page.getByLabel('志愿者', { exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-10a-director-queue');

    await page.getByRole('navigation').getByText('家庭档案').click();
    await page.getByRole('link', { name: archiveNumber }).waitFor();
    await page.getByRole('cell').getByText('已逾期').waitFor();
    await settled(page);
    await screenshot(page, 'aftercare-11-families');
  });

  it('closes the archive with a reason: its plan ends and the open visit is cancelled', async () => {
    await page.getByRole('link', { name: archiveNumber }).click();
    await page.getByRole('button', { name: '结档' }).click();
    const dialog = page.getByRole('dialog', { name: `结档：${archiveNumber}` });
    await dialog.getByText('正在进行的回访计划会结束', { exact: false }).waitFor();
    await dialog.getByLabel('结档原因').fill('夫妻关系稳定，家庭不再需要跟踪');
    await screenshot(page, 'aftercare-12-close');
    await dialog.getByLabel('结档原因').press('Enter');
    await page.getByText(/这份档案已结档（原因：夫妻关系稳定/).waitFor();
    const plans = page.getByRole('region', { name: '回访计划' });
    await plans.getByText('计划已结束：家庭档案已结档。', { exact: false }).waitFor();
    await plans.getByText('已取消', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '添加成员' }).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'aftercare-13-closed');
    const queue = await apiOk<{ counts: Record<string, number> }>(page, 'followups.queue', { scope: 'all' });
    expect(queue.counts).toMatchObject({ overdue: 0, due_week: 0, upcoming: 0, done: 1 });
  });
});
