// Numbers read as people expect (issue 13): counts in the case list, the 工作台 and the sync badge carry
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

  it('English: the same numbers with English separators', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('cases.total', { total: 100_000 })).toBe('100,000 cases');
    expect(i18n.t('dashboard.viewAll', { total: 12_345 })).toBe('View all 12,345');
    expect(i18n.t('sync.badgePending', { count: 1_234 })).toBe('Sync: 1,234 changes waiting');
  });
});
