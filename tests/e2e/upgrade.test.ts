import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { latestSchemaVersion } from '../../src/main/db/migrator';
import { beforeMigrationHooks } from '../../src/main/desk/store';
import { createDeskProgress, ProgressSlot } from '../../src/main/desk';
import type { SearchIndexBuild } from '../../src/shared/search';
import { withStore } from '../support/backup-fixture';
import { makeOlderDesk, OLDER_ADMIN } from '../support/older-desk';
import { insertCase } from '../support/search-seed';
import {
  apiOk,
  launchBrowser,
  login,
  newDeskPage,
  screenshot,
  setUpDesk,
  startDesk,
  submitLogin,
  type DeskUnderTest,
} from './support';

/*
 * The first sign-in after an update that changes the store (issue 13): the sign-in screen shows the
 * upgrade — what it is doing, a bar with an accessible name — instead of a silent spinner. The test's
 * store is small, so the upgrade would pass in a blink: a before-migration hook of the test's own, run
 * after the real backup, holds the upgrade until the screen has been checked.
 */
/** What a test holds long work open with: `held` settles once the test calls `release`. */
function gate(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

describe('a sign-in that upgrades an older store shows its progress (browser harness)', () => {
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  const { held, release } = gate();

  beforeAll(async () => {
    desk = await startDesk({
      prepare: async (dataDir) => {
        await makeOlderDesk(dataDir, latestSchemaVersion() - 3);
      },
    });
    // Registered after createApp's backup hook: it runs once the backup is sealed and read back.
    beforeMigrationHooks.register(() => held);
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
  });

  afterAll(async () => {
    release();
    await browser?.close();
    await desk?.close();
  });

  it('登录 shows the upgrade with a progress bar, then the desk opens', async () => {
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    await submitLogin(page, OLDER_ADMIN);
    const bar = page.getByRole('progressbar', { name: '数据库升级进度' });
    await bar.waitFor();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '正在升级数据库' }).textContent())
      .toContain('核对刚做好的备份');
    // The read-back is measured too: held after it, the bar says it is complete.
    await expect.poll(() => bar.getAttribute('aria-valuetext')).toBe('已核对 100%');
    await expect.poll(() => page.getByText('请不要关闭工作台').count()).toBe(1);
    await page.waitForTimeout(600); // the bar's fill animates in
    await screenshot(page, '95-login-upgrading');

    release();
    await page.getByRole('navigation').getByText('工作台').waitFor();
    expect(await bar.count()).toBe(0);
  });
});

/*
 * The first search of a store whose cases predate the search index (migration 0004) builds the index
 * inside that search: the 案件 screen shows how many cases are done. Cases written straight into the store
 * (no index rows). The build runs for real and reports through the desk's own slot; how long it takes
 * depends on the machine (about a second here, and a fast one could finish before the screen's first
 * read), so the test's slot holds the search open after the build's last report until the screen has
 * been checked — as the sign-in test above holds the upgrade.
 */
class HeldProgressSlot<T> extends ProgressSlot<T> {
  constructor(private readonly held: Promise<void>) {
    super();
  }

  override track<R>(work: (report: (progress: T) => void) => Promise<R>): Promise<R> {
    return super.track(async (report) => {
      const result = await work(report);
      await this.held;
      return result;
    });
  }
}

describe('a first search that builds the index shows its progress (browser harness)', () => {
  const DIRECTOR = {
    username: 'zhaoli',
    displayName: '赵丽',
    password: 'Zhao-Li-2026!x',
    role: 'director',
  } as const;
  const CASES = 12_000;
  let desk: DeskUnderTest;
  let browser: Browser;
  let page: Page;
  const { held, release } = gate();

  beforeAll(async () => {
    const progress = createDeskProgress();
    desk = await startDesk({
      app: { progress: { ...progress, searchIndex: new HeldProgressSlot<SearchIndexBuild>(held) } },
    });
    browser = await launchBrowser();
    page = await newDeskPage(browser, desk.url);
    const ids = await setUpDesk(page, [DIRECTOR]);
    await apiOk(page, 'auth.logout', null);
    await withStore(desk.dataDir, DIRECTOR.username, DIRECTOR.password, (db) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < CASES; i++) {
          await insertCase(trx, {
            caseNumber: `2025-${String(i + 1).padStart(5, '0')}`,
            counsellorId: ids[DIRECTOR.username] ?? '',
            names: [i % 2 === 0 ? '张三' : '王五', '李四'],
          });
        }
      }),
    );
    await page.reload();
    await login(page, DIRECTOR);
  }, 180_000);

  afterAll(async () => {
    release();
    await browser?.close();
    await desk?.close();
  });

  it('搜索 shows the index being built with a progress bar, then the results', async () => {
    await page.getByRole('navigation').getByText('案件').click();
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/search.cases'));
    await page.getByLabel('搜索案件').fill('张三');
    await sent; // the typing pause is over and the search has gone to the desk
    const bar = page.getByRole('progressbar', { name: '搜索索引建立进度' });
    await bar.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('status').filter({ hasText: '正在建立搜索索引' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/已完成 [\d,]+ \/ 12,000 件/).count()).toBe(1);
    // While the search is still out, nothing claims that it found nothing.
    expect(await page.getByText(/^没有找到符合的案件/).isVisible()).toBe(false);
    await screenshot(page, '96-search-index-building');
    release();
    await page
      .getByRole('link', { name: /2025-\d{5}/ })
      .first()
      .waitFor({ timeout: 120_000 });
    expect(await bar.count()).toBe(0);
  });
});
