import { pinyin } from 'pinyin-pro';
import { edgeNgrams, normalizeSearchText } from '../../shared/search';

/*
 * Pinyin initials of a name for search ('张晓梅' → 'zxm'), with pinyin-pro's surname mode so a polyphonic
 * surname reads as a surname (单 shàn, 曾 zēng, 仇 qiú, 解 xiè). Letters and digits in a name are dropped:
 * a foreign name is found by its own words through the names column.
 * Lives in main, not src/shared: pinyin-pro is not zod, and src/shared imports zod only.
 */

export function pinyinInitials(name: string): string {
  const letters = pinyin(normalizeSearchText(name), {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'removed',
  });
  return letters
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The index tokens for names' initials: every prefix, so 'z', 'zx' and 'zxm' each find 张晓梅 exactly. */
export function pinyinTokens(names: readonly string[]): string[] {
  const tokens = new Set<string>();
  for (const name of names) for (const t of edgeNgrams(pinyinInitials(name))) tokens.add(t);
  return [...tokens];
}
