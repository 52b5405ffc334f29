import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../support/tmp';
import {
  apiOk,
  calmScreenshot,
  launchBrowser,
  login,
  newDeskPage,
  screenshot,
  setUpDesk,
  signedOutPage,
  startDesk,
  type DeskUnderTest,
} from './support';

const COUNSELLOR = { username: 'liuxin', displayName: '刘欣', password: 'Liu-Xin-2026!x' };
const COMPANION = { username: 'chenjing', displayName: '陈静', password: 'Chen-Jing-2026!x' };
const DIRECTOR = { username: 'zhaozr', displayName: '赵主任', password: 'Zhao-Zhu-Ren-2026!' };
const PASSPHRASE = '蓝色 书包 跑步 73 晴天';
const NOTE = '双方冷静沟通后，同意各自写下对家务分工的期望。';

/** Three cases, each with its own parties and receipt number. */
const CASES = [
  { a: '孙建国', b: '周丽华', receipt: 'SL-2026-0101' },
  { a: '钱志强', b: '吴晓梅', receipt: 'SL-2026-0102' },
  { a: '郑海涛', b: '冯雪', receipt: 'SL-2026-0103' },
] as const;

describe('case archives: export three cases to a USB folder, import them on a fresh desk, open one', () => {
  const stick = tempDir('counseldesk-e2e-archive-usb-');
  let deskA: DeskUnderTest;
  let deskB: DeskUnderTest;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  const caseNumbers: string[] = [];

  beforeAll(async () => {
    // Two desks with their own data directories; both "see" the same stick (folder and file dialogs).
    deskA = await startDesk({ folder: () => stick.dir });
    deskB = await startDesk({ folder: () => stick.dir });
    browser = await launchBrowser();
    pageA = await newDeskPage(browser, deskA.url);
    pageB = await newDeskPage(browser, deskB.url);

    // Desk A: 刘欣 is in charge of three cases, 陈静 is their companion (she sees the cases, not the
    // disclosures); one case has a DV disclosure and one a signed record with notes.
    const ids = await setUpDesk(pageA, [
      { ...COUNSELLOR, role: 'counsellor' },
      { ...COMPANION, role: 'counsellor' },
    ]);
    await apiOk(pageA, 'auth.login', { username: COUNSELLOR.username, password: COUNSELLOR.password });
    for (const [i, c] of CASES.entries()) {
      const created = await apiOk<{ id: string; caseNumber: string }>(pageA, 'cases.create', {
        parties: [
          { name: c.a, sex: 'male', phone: `1380000010${i}` },
          { name: c.b, sex: 'female', phone: `1390000010${i}` },
        ],
        filing: { receivedDate: `2026-03-0${i + 2}`, receiptNumber: c.receipt },
        companionUserId: ids[COMPANION.username],
      });
      caseNumbers.push(created.caseNumber);
      if (i === 0) {
        const draft = await apiOk<{ id: string; version: number }>(pageA, 'records.saveDraft', {
          caseId: created.id,
          sessionDate: '2026-03-02',
          halfDay: 'am',
          channel: 'face_to_face',
          interviewNotes: NOTE,
          result: 'reconcile',
        });
        await apiOk(pageA, 'records.sign', { recordId: draft.id, baseVersion: draft.version });
      }
      if (i === 1) {
        await apiOk(pageA, 'dv.create', {
          caseId: created.id,
          disclosedBy: 'party_b',
          disclosedAt: '2026-03-03',
          facts: '对方多次推搡，并以言语威胁',
          riskLevel: 'high',
          minorsInvolved: false,
          victimLacksCapacity: false,
          helpInfoGiven: true,
        });
      }
    }
    await signedOutPage(pageA);

    // Desk B: a fresh installation with its own administrator and director.
    await setUpDesk(pageB, [{ ...DIRECTOR, role: 'director' }]);
    await signedOutPage(pageB);
  });

  afterAll(async () => {
    await browser?.close();
    await deskA?.close();
    await deskB?.close();
    stick.cleanup();
  });

  it('exports the three ticked cases: counts, what is left out and why, passphrase twice, then the file', async () => {
    const page = pageA;
    await login(page, COMPANION);
    await page.getByRole('navigation').getByText('案件').click();
    await page.getByRole('heading', { name: '案件', level: 1 }).waitFor();
    for (const n of caseNumbers) await page.getByRole('checkbox', { name: `选择案件 ${n}` }).check();
    await page.getByRole('button', { name: '导出所选（3 件）' }).click();

    const dialog = page.getByRole('dialog', { name: '导出案卷' });
    const counts = dialog.getByTestId('archive-export-counts');
    await counts.waitFor();
    expect(await counts.locator('div').filter({ hasText: '案件' }).first().locator('dd').innerText()).toBe(
      '3',
    );
    expect(await counts.locator('div').filter({ hasText: '辅导记录' }).locator('dd').innerText()).toBe('1');
    // The companion may not see the disclosure: the dialog says it stays behind, and why.
    await dialog.getByText('家暴披露 1 条未导出：您的角色无权查看。').waitFor();

    // A weak passphrase is refused before anything is written; the meter shows why.
    await dialog.getByLabel('口令', { exact: true }).fill('12345678');
    await dialog.getByLabel('再次输入口令').fill('12345678');
    await dialog.getByRole('button', { name: '选择文件夹并导出' }).click();
    await dialog.getByText(/口令太容易被猜到/).waitFor();
    expect(readdirSync(stick.dir)).toEqual([]);

    await dialog.getByLabel('口令', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('再次输入口令').fill(PASSPHRASE);
    await dialog.getByRole('checkbox', { name: /PDF 摘要/ }).check();
    await dialog.getByText(/PDF 摘要不加密/).waitFor();
    // The whole dialog in the picture (it is taller than the usual window), the tick's animation done.
    await page.setViewportSize({ width: 1366, height: 1000 });
    await page.waitForTimeout(400);
    await calmScreenshot(page, '60-archive-export-dialog');
    await page.setViewportSize({ width: 1366, height: 800 });

    await dialog.getByRole('button', { name: '选择文件夹并导出' }).click();
    await dialog.getByText('案卷已导出').waitFor({ timeout: 60_000 });
    await dialog.getByText(/安全弹出/).waitFor();
    await screenshot(page, '61-archive-export-done');

    const files = readdirSync(stick.dir);
    const archive = files.find((f) => f.endsWith('.cdar'));
    expect(archive).toBeDefined();
    await dialog.getByText(archive ?? '-').waitFor();
    await dialog.getByText(stick.dir).waitFor();
    // No names in the file names, and none in the (encrypted) archive.
    const bytes = readFileSync(join(stick.dir, archive ?? '-'));
    for (const f of files) for (const c of CASES) expect(f).not.toContain(c.a);
    for (const c of CASES) expect(bytes.includes(Buffer.from(c.a))).toBe(false);
    expect(bytes.includes(Buffer.from(NOTE))).toBe(false);

    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('imports them on the fresh desk: the preview shows three new cases, then the import and its result', async () => {
    const page = pageB;
    await login(page, DIRECTOR);
    await page.getByRole('navigation').getByText('案件').click();
    await page.getByRole('button', { name: '导入案卷' }).click();
    await page.getByRole('heading', { name: '导入案卷', level: 1 }).waitFor();

    await page.getByRole('button', { name: '选择案卷文件' }).click();
    await page.getByText(/^已选择：.+\.cdar$/).waitFor();
    const passphrase = page.getByLabel('案卷口令');
    // The keyboard is already in the passphrase box.
    type Doc = { document: { activeElement: unknown } };
    const focused = () =>
      passphrase.evaluate((el) => el === (globalThis as unknown as Doc).document.activeElement);
    await expect.poll(focused).toBe(true);

    // A wrong passphrase: its own message, nothing read.
    await passphrase.fill('错误的口令 12345');
    await page.getByRole('button', { name: '读取' }).click();
    await page
      .getByRole('alert')
      .getByText(/口令不正确/)
      .waitFor({ timeout: 30_000 });

    await passphrase.fill(PASSPHRASE);
    await passphrase.press('Enter');
    const cases = page.getByRole('region', { name: '案件' });
    await cases.waitFor({ timeout: 30_000 });
    for (const n of caseNumbers) {
      const row = cases.getByRole('row').filter({ hasText: n });
      await row.getByText('新增', { exact: true }).waitFor();
    }
    await page.getByText('案卷中的案件要么是新的，要么与本机完全相同').waitFor();
    // What the exporter's role kept out is said here too, as the exporter's.
    await page.getByText('家暴披露 1 条不在案卷中：导出人的角色无权查看，导出时已略去。').waitFor();
    await calmScreenshot(page, '62-archive-import-preview');

    await page.getByRole('button', { name: '导入', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '确认导入？' });
    await confirm.getByText(/将新增 3 件/).waitFor();
    await confirm.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('新增 3 件，替换 0 件，另存副本 0 件（待核对），相同未变 0 件。').waitFor({
      timeout: 30_000,
    });
    await confirm.waitFor({ state: 'hidden' });
    await calmScreenshot(page, '63-archive-import-done');
  });

  it('opens an imported case: its parties and its counselling record are there', async () => {
    const page = pageB;
    await page.getByRole('link', { name: caseNumbers[0] }).click();
    await page.getByRole('heading', { name: `案件 ${caseNumbers[0]}` }).waitFor();
    await page.getByText(CASES[0].a).first().waitFor();
    await page.getByText(CASES[0].b).first().waitFor();
    await page.getByText(NOTE).first().waitFor();
    await calmScreenshot(page, '64-archive-imported-case');

    // The list on this desk now holds the three cases.
    const list = await apiOk<{ total: number }>(page, 'cases.list', {});
    expect(list.total).toBe(3);
  });

  it('imports again after changes on both desks: replaces the newer case when ticked, flags the diverged one 待核对', async () => {
    const ADDENDUM = '补充：双方约定每周日共同接送孩子。';
    const DRAFT_A = '导出方的新草稿：女方希望下次单独面谈。';
    const DRAFT_B = '本机的新草稿：男方来电改约时间。';
    // Desk A: the counsellor in charge adds an addendum to the first case's signed record (A's copy is now
    // the newer) and a draft to the third; the companion exports the three cases again, as before.
    await apiOk(pageA, 'auth.login', { username: COUNSELLOR.username, password: COUNSELLOR.password });
    const listA = await apiOk<{ rows: { id: string; caseNumber: string }[] }>(pageA, 'cases.list', {});
    const idOf = (n: string) => listA.rows.find((r) => r.caseNumber === n)?.id ?? '-';
    const [n1, n2, n3] = caseNumbers as [string, string, string];
    const [first, second, third] = [idOf(n1), idOf(n2), idOf(n3)];
    const [record] = await apiOk<{ id: string }[]>(pageA, 'records.list', { caseId: first });
    await apiOk(pageA, 'records.addAddendum', { recordId: record!.id, text: ADDENDUM });
    await apiOk(pageA, 'records.saveDraft', { caseId: third, interviewNotes: DRAFT_A });
    await apiOk(pageA, 'auth.login', { username: COMPANION.username, password: COMPANION.password });
    const exported = await apiOk<{ fileName: string }>(pageA, 'archive.export', {
      selection: { kind: 'cases', caseIds: [first, second, third] },
      passphrase: PASSPHRASE,
      passphraseConfirm: PASSPHRASE,
      summaryPdf: false,
    });
    expect(readdirSync(stick.dir)).toContain(exported.fileName);

    // Desk B: the director drafts a record on the third case here too, so it changed on both desks.
    const page = pageB;
    await apiOk(page, 'records.saveDraft', { caseId: third, interviewNotes: DRAFT_B });
    await page.getByRole('navigation').getByText('案件').click();
    await page.getByRole('button', { name: '导入案卷' }).click();
    await page.getByRole('heading', { name: '导入案卷', level: 1 }).waitFor();
    await page.getByRole('button', { name: '选择案卷文件' }).click();
    await page.getByText(`已选择：${exported.fileName}`).waitFor();
    await page.getByLabel('案卷口令').fill(PASSPHRASE);
    await page.getByRole('button', { name: '读取' }).click();
    const cases = page.getByRole('region', { name: '案件' });
    await cases.waitFor({ timeout: 30_000 });
    const row = (n: string) => cases.getByRole('row').filter({ hasText: n });
    await row(n1).getByText('导入的较新', { exact: true }).waitFor();
    await row(n1).getByText('补充说明').waitFor();
    await row(n2).getByText('相同', { exact: true }).waitFor();
    await row(n3).getByText('双方都有改动', { exact: true }).waitFor();
    // Only the newer one may replace this desk's copy, and only when ticked.
    const replace = page.getByRole('checkbox', { name: `用导入的较新版本替换案件 ${n1}` });
    expect(await replace.isChecked()).toBe(false);
    expect(await cases.getByRole('checkbox').count()).toBe(1);
    await page.getByText(/没有勾选替换的、与本机不同的案件（2 件）/).waitFor();
    await replace.check();
    await page.getByText(/没有勾选替换的、与本机不同的案件（1 件）/).waitFor();
    expect(await replace.isChecked()).toBe(true);
    await page.waitForTimeout(400); // the tick's animation
    await calmScreenshot(page, '65-archive-import-conflicts');

    await page.getByRole('button', { name: '导入', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '确认导入？' });
    await confirm
      .getByText('将新增 0 件、替换 1 件、另存副本 1 件（标记待核对），相同的 1 件不变。')
      .waitFor();
    await confirm.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('新增 0 件，替换 1 件，另存副本 1 件（待核对），相同未变 1 件。').waitFor({
      timeout: 30_000,
    });

    // The replaced case shows A's addendum, and no review banner. Its records were read (and cached) when it
    // was opened above: the import must make them stale.
    await page.getByRole('link', { name: n1 }).click();
    await page.getByRole('heading', { name: `案件 ${n1}` }).waitFor();
    await page.getByText(ADDENDUM).first().waitFor();
    expect(await page.getByRole('note').filter({ hasText: '此案件有待核对的副本' }).count()).toBe(0);

    // The diverged case keeps this desk's draft and links the copy holding A's; 已核对 takes the banner away.
    await page.goto(`${deskB.url}#/cases/${third}`);
    await page.getByRole('heading', { name: `案件 ${n3}` }).waitFor();
    const banner = page.getByRole('note').filter({ hasText: '此案件有待核对的副本' });
    await banner.waitFor();
    const copyLink = banner.getByRole('link', { name: /^打开另一份：案件 / });
    const copyNumber = ((await copyLink.innerText()).split('案件 ')[1] ?? '').trim();
    expect(copyNumber).not.toBe('');
    expect(copyNumber).not.toBe(n3);
    await calmScreenshot(page, '66-archive-review-banner');

    await copyLink.click();
    await page.getByRole('heading', { name: `案件 ${copyNumber}` }).waitFor();
    // A draft shows no notes on the case page: which copy holds which draft, through the contract.
    const copyId = page.url().split('/cases/')[1] ?? '-';
    const drafts = async (caseId: string) =>
      (await apiOk<{ interviewNotes: string | null }[]>(page, 'records.list', { caseId })).map(
        (r) => r.interviewNotes,
      );
    expect(await drafts(third)).toEqual([DRAFT_B]);
    expect(await drafts(copyId)).toEqual([DRAFT_A]);
    const copyBanner = page.getByRole('note').filter({ hasText: '此案件有待核对的副本' });
    await copyBanner.getByRole('link', { name: `打开另一份：案件 ${n3}` }).click();
    await page.getByRole('heading', { name: `案件 ${n3}` }).waitFor();
    await banner.getByRole('button', { name: '已核对' }).click();
    await page.getByText('已标记为核对完毕。').waitFor();
    await banner.waitFor({ state: 'detached' });
    // Resolved for both copies (one review links the two).
    await copyLink.waitFor({ state: 'detached' });
    const reviews = await apiOk<{ reviews: { resolvedAt: string | null }[] }>(page, 'archive.reviews', {
      caseId: third,
    });
    expect(reviews.reviews).toHaveLength(1);
    expect(reviews.reviews[0]?.resolvedAt).not.toBeNull();
    expect((await apiOk<{ total: number }>(page, 'cases.list', {})).total).toBe(4);
  });
});
