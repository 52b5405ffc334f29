import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Result } from '../../src/shared/ipc/result';
import {
  launchBrowser,
  logout,
  newDeskPage,
  screenshot,
  startDesk,
  submitLogin,
  type DeskUnderTest,
} from './support';

const ADMIN = { username: 'admin', displayName: '王主任', password: 'Desk-Admin-2026!' };
const COUNSELLOR = {
  username: 'liuxin',
  displayName: '刘欣',
  temporary: 'Temp-Pass-001',
  password: 'Liu-Xin-2026!x',
};

describe('foundation: first run, sign-in, lock, users and roles (browser harness)', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    desk = await startDesk();
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('runs the first-run setup wizard and confirms the recovery code', async () => {
    await page.getByRole('heading', { name: /初始设置/ }).waitFor();
    await page.getByLabel('县（市、区）').fill('章丘区');
    await page.getByLabel('婚姻登记处').fill('章丘区婚姻登记处');
    await page.getByLabel('中心/站/室名称').fill('章丘区婚姻家庭辅导中心');
    await screenshot(page, '01-setup-office');
    await page.getByRole('button', { name: /下一步/ }).click();

    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('确认密码').fill(ADMIN.password);
    await screenshot(page, '02-setup-admin');
    await page.getByRole('button', { name: /下一步|完成|创建/ }).click();

    const code = page.getByTestId('recovery-code');
    await code.waitFor();
    const groups = (await code.innerText())
      .trim()
      .split(/[\s-]+/)
      .filter(Boolean);
    expect(groups).toHaveLength(8);
    await screenshot(page, '03-setup-recovery-code');
    await page.getByRole('button', { name: /我已抄写/ }).click();

    const prompt = await page.getByText(/请输入恢复码的第\s*\d+\s*组/).innerText();
    const group = Number(/第\s*(\d+)\s*组/.exec(prompt)?.[1]);
    expect(group).toBeGreaterThanOrEqual(1);
    // A wrong group is refused with a message…
    const answer = page.getByLabel(/第\s*\d+\s*组/);
    await answer.fill(groups[group === 1 ? 1 : 0]!);
    await answer.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContainEqual(expect.stringMatching(/不一致/));
    // …the right one finishes the wizard and opens the desk.
    await answer.fill(groups[group - 1]!);
    await answer.press('Enter');
    await page.getByRole('navigation').getByText('工作台').waitFor();
    await expect.poll(() => page.getByText('章丘区婚姻家庭辅导中心').count()).toBeGreaterThan(0);
    await screenshot(page, '04-shell-admin');
  });

  it('logs out, refuses a wrong password with a message, then logs in', async () => {
    await logout(page);
    await submitLogin(page, { username: ADMIN.username, password: 'not-the-password' });
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts())
      .toContainEqual(expect.stringMatching(/用户名或密码不正确/));
    await screenshot(page, '05-login-wrong-password');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('navigation').getByText('工作台').waitFor();
  });

  it('locks with the button and with Ctrl+L, and unlocks with the password', async () => {
    await page.getByRole('button', { name: '锁定工作台' }).click();
    await page.getByText(ADMIN.displayName).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /解\s*锁/ }).count()).toBe(1);
    await screenshot(page, '06-locked');
    const status = await desk.deskApp.dispatch('users.list', undefined);
    expect(status.ok ? 'open' : status.error.code).toBe('LOCKED');

    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('navigation').getByText('工作台').waitFor();

    await page.keyboard.press('Control+L');
    await page.getByRole('button', { name: /解\s*锁/ }).waitFor();
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.getByRole('navigation').getByText('工作台').waitFor();
  });

  it('lets the admin add a counsellor', async () => {
    await page.getByRole('navigation').getByText('用户管理').click();
    await page.getByRole('button', { name: /添加用户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill(COUNSELLOR.username);
    await dialog.getByLabel('姓名').fill(COUNSELLOR.displayName);
    await dialog.getByLabel('角色').click();
    await page.getByRole('option', { name: '辅导员' }).click();
    await dialog.getByLabel('临时密码', { exact: true }).fill(COUNSELLOR.temporary);
    await dialog.getByLabel('确认临时密码').fill(COUNSELLOR.temporary);
    await screenshot(page, '07-add-counsellor');
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|添\s*加/ }).click();
    await page.getByRole('cell', { name: COUNSELLOR.displayName }).waitFor();
    await screenshot(page, '08-users');
  });

  it('makes the counsellor replace the temporary password and keeps user management closed to them', async () => {
    await logout(page);
    await submitLogin(page, { username: COUNSELLOR.username, password: COUNSELLOR.temporary });
    await page.getByLabel('当前密码').fill(COUNSELLOR.temporary);
    await page.getByLabel('新密码', { exact: true }).fill(COUNSELLOR.password);
    await page.getByLabel('确认新密码').fill(COUNSELLOR.password);
    await page.getByRole('button', { name: /修改密码|保\s*存|确\s*定/ }).click();
    await page.getByRole('navigation').getByText('工作台').waitFor();
    await expect.poll(() => page.getByRole('navigation').getByText('用户管理').count()).toBe(0);

    await page.evaluate("window.location.hash = '#/users'");
    await page.getByText('您没有权限访问此页面').waitFor();
    await screenshot(page, '09-counsellor-forbidden');
    // The API refuses too, not just the UI.
    const viaApi = await page.evaluate<Result<unknown>>("window.api['users.list'](undefined)");
    expect(viaApi.ok).toBe(false);
    expect(viaApi.ok ? '' : viaApi.error.code).toBe('FORBIDDEN');
  });
});
