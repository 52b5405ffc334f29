// Numbers read as people expect (issue 13): counts in the case list, the 工作台, the sync badge and every other list carry
// thousands separators and are never capped ("99+", "999+"), in Chinese and in English.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';

// The renderer's messages with the renderer's interpolation (src/renderer/src/i18n/index.ts touches the DOM).
const i18n = i18next.createInstance();
beforeAll(() =>
  i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  }),
);

describe('counts in the renderer’s words', () => {
  it('Chinese: 共 100,000 件, 查看全部 12,345 条, 有 1,234 条待同步', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('cases.total', { total: 100_000 })).toBe('共 100,000 件');
    expect(i18n.t('cases.total', { total: 7 })).toBe('共 7 件');
    expect(i18n.t('dashboard.viewAll', { total: 12_345 })).toBe('查看全部 12,345 条');
    expect(i18n.t('dashboard.firstOf', { shown: 8, total: 1_000 })).toBe('显示前 8 条，共 1,000 条');
    expect(i18n.t('sync.badgePending', { count: 1_234 })).toBe('同步：有 1,234 条待同步');
    expect(i18n.t('cases.jumpToPage')).toBe('跳至页码');
    // Where 查看全部 leads for overdue visits, and the 同步 page's count.
    expect(i18n.t('followups.total', { total: 2_500 })).toBe('共 2,500 次回访');
    expect(i18n.t('followups.bucketCount', { label: '已逾期', count: 2_500 })).toBe('已逾期（2,500）');
    expect(i18n.t('sync.pendingCount', { count: 12_000 })).toBe('12,000 条');
  });

  it('every other list: its total and counts with separators (共 100,000 条 / 100,000 entries)', async () => {
    // [key, values, Chinese, English]: each list's pagination total, then the counts shown in lists and badges.
    const cases: [string, Record<string, number>, string, string][] = [
      ['audit.total', { total: 100_000 }, '共 100,000 条', '100,000 entries'],
      [
        'audit.intact',
        { count: 250_000 },
        '审计日志完整（共 250,000 条）',
        'The audit log is intact (250,000 entries)',
      ],
      ['families.total', { total: 12_000 }, '共 12,000 份档案', '12,000 archives'],
      ['families.casesCount', { n: 1_000 }, '1,000 件', '1,000'],
      ['families.openVisits', { n: 1_500 }, '负责中的回访：1,500 次', 'Open visits: 1,500'],
      ['events.total', { total: 3_000 }, '共 3,000 项活动', '3,000 events'],
      ['events.attendeesValue', { count: 1_200 }, '1,200', '1,200'],
      ['volunteers.total', { total: 1_001 }, '共 1,001 位志愿者', '1,001 volunteers'],
      ['volunteers.hoursVisits', { count: 2_345 }, '回访 2,345 次', 'Follow-up visits: 2,345'],
      ['statistics.listTotal', { total: 58_000 }, '共 58,000 条', '58,000 in all'],
      ['followups.myCount', { count: 1_234 }, '1,234 次', '1,234'],
      ['archive.scopeCases', { count: 10_000 }, '所选的 10,000 个案件', 'the 10,000 selected cases'],
      ['archive.progressCount', { done: 2_500, total: 10_000 }, '2,500 / 10,000', '2,500 / 10,000'],
      [
        'archive.doneCases',
        { count: 10_000 },
        '共 10,000 个案件，文件大小 {{size}}。',
        '10,000 cases, {{size}}.',
      ],
    ];
    for (const [lng, at] of [
      ['zh-CN', 2],
      ['en', 3],
    ] as const) {
      await i18n.changeLanguage(lng);
      for (const c of cases) {
        const expected = c[at].replace('{{size}}', '2 MB');
        expect(i18n.t(c[0], { ...c[1], size: '2 MB' }), `${lng} ${c[0]}`).toBe(expected);
      }
    }
  });

  it('English: the same numbers with English separators', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('cases.total', { total: 100_000 })).toBe('100,000 cases');
    expect(i18n.t('dashboard.viewAll', { total: 12_345 })).toBe('View all 12,345');
    expect(i18n.t('sync.badgePending', { count: 1_234 })).toBe('Sync: 1,234 changes waiting');
  });
});
