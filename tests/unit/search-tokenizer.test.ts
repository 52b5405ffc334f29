import { describe, expect, it } from 'vitest';
import { pinyinInitials, pinyinTokens } from '../../src/main/search/pinyin';
import { phraseMatches, planSearch } from '../../src/shared/search/query';
import fc from 'fast-check';
import { charKind, edgeNgrams, searchTokens, toIndexText, tokenRuns } from '../../src/shared/search/tokenize';

describe('CJK bigram tokenizer', () => {
  it('rewrites a CJK run as overlapping bigrams', () => {
    expect(toIndexText('张晓梅说调解')).toBe('张晓 晓梅 梅说 说调 调解');
    expect(searchTokens('张三')).toEqual(['张三']);
  });

  it('keeps a lone CJK character and never bigrams across punctuation or spaces', () => {
    expect(searchTokens('张')).toEqual(['张']);
    expect(searchTokens('调，解')).toEqual(['调', '解']);
    expect(searchTokens('冷静 期')).toEqual(['冷静', '期']);
    expect(searchTokens('同意调解。冷静期内')).toEqual(['同意', '意调', '调解', '冷静', '静期', '期内']);
  });

  it('keeps letters and digits as whole lower-case words, split from CJK', () => {
    expect(searchTokens('A座3号楼')).toEqual(['a', '座', '3', '号楼']);
    expect(searchTokens('2026-LH-00012')).toEqual(['2026', 'lh', '00012']);
    expect(searchTokens('回执LH2026001号')).toEqual(['回执', 'lh2026001', '号']);
    expect(searchTokens('37010519900307123X')).toEqual(['37010519900307123x']);
  });

  it('folds full-width forms so an IME-typed query matches', () => {
    expect(searchTokens('２０２６－ＬＨ－０００１２')).toEqual(['2026', 'lh', '00012']);
  });

  it('handles characters outside the BMP as single characters', () => {
    // 𠮷 (U+20BB7) is one CJK character made of two UTF-16 code units.
    expect(searchTokens('𠮷野家')).toEqual(['𠮷野', '野家']);
    expect(tokenRuns('𠮷')).toEqual([{ kind: 'cjk', chars: ['𠮷'] }]);
  });

  it('drops text with nothing searchable', () => {
    expect(searchTokens(' ，。！—— ')).toEqual([]);
    expect(toIndexText('')).toBe('');
  });

  it('edge n-grams make every prefix a token', () => {
    expect(edgeNgrams('zxm')).toEqual(['z', 'zx', 'zxm']);
    expect(edgeNgrams('')).toEqual([]);
  });
});

describe('query plan', () => {
  it('a 2-character query is one bigram token', () => {
    expect(planSearch('调解')).toMatchObject({ kind: 'fts', match: '"调解"' });
    expect(planSearch('张三')).toMatchObject({ kind: 'fts', match: '"张三"' });
  });

  it('a 3-character word becomes the phrase of its bigrams', () => {
    expect(planSearch('冷静期')).toMatchObject({ kind: 'fts', match: '"冷静 静期"' });
    expect(planSearch('张晓梅')).toMatchObject({ kind: 'fts', match: '"张晓 晓梅"' });
  });

  it('one CJK character is a surname lookup, not FTS', () => {
    expect(planSearch('张')).toEqual({ kind: 'initial', char: '张' });
    expect(planSearch('  张 ')).toEqual({ kind: 'initial', char: '张' });
  });

  it('numbers and pinyin are word tokens', () => {
    expect(planSearch('2026-LH-00012')).toMatchObject({ kind: 'fts', match: '"2026 lh 00012"' });
    expect(planSearch('ZS')).toMatchObject({ kind: 'fts', match: '"zs"' });
    expect(planSearch('123X')).toMatchObject({ kind: 'fts', match: '"123x"' });
  });

  it('space-separated parts must all match; a part ending in a lone CJK character is a prefix', () => {
    expect(planSearch('张三 调解')).toMatchObject({ match: '"张三" AND "调解"' });
    expect(planSearch('A座3号')).toMatchObject({ match: '"a 座 3 号"*' });
    expect(planSearch('张 调解')).toMatchObject({ match: '"张"* AND "调解"' });
  });

  it('nothing typed can become FTS5 syntax', () => {
    const plan = planSearch('names: NEAR(张三 "x") OR * ^调解 -李');
    expect(plan.kind).toBe('fts');
    if (plan.kind !== 'fts') return;
    // Only quoted phrases joined by AND: no operator, column filter or bare star survives.
    expect(plan.match).toBe('"names" AND "near 张三" AND "x" AND "or" AND "调解" AND "李"*');
  });

  it('queries with nothing searchable are empty', () => {
    expect(planSearch('，。!')).toEqual({ kind: 'empty' });
    expect(planSearch('   ')).toEqual({ kind: 'empty' });
  });

  it('phraseMatches judges a field as FTS5 would', () => {
    const field = searchTokens('张晓梅');
    expect(phraseMatches(field, { tokens: ['张晓', '晓梅'], prefix: false })).toBe(true);
    expect(phraseMatches(field, { tokens: ['晓梅'], prefix: false })).toBe(true);
    expect(phraseMatches(field, { tokens: ['梅说'], prefix: false })).toBe(false);
    expect(phraseMatches(searchTokens('号楼'), { tokens: ['号'], prefix: true })).toBe(true);
  });
});

describe('pinyin initials', () => {
  it('takes the first letter of each syllable', () => {
    expect(pinyinInitials('张三')).toBe('zs');
    expect(pinyinInitials('张晓梅')).toBe('zxm');
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(pinyinInitials('单田芳')).toBe('stf'); // 单 shàn, not dān
    expect(pinyinInitials('曾小贤')).toBe('zxx'); // 曾 zēng, not céng
    expect(pinyinInitials('仇晓')).toBe('qx'); // 仇 qiú, not chóu
    expect(pinyinInitials('解放')).toBe('xf'); // 解 xiè, not jiě
  });

  it('ignores letters and digits in a name', () => {
    expect(pinyinInitials('Anna')).toBe('');
    expect(pinyinInitials('李Anna')).toBe('l');
  });

  it('indexes every prefix of both names once', () => {
    expect(pinyinTokens(['张晓梅', '赵晓明'])).toEqual(['z', 'zx', 'zxm']);
    expect(pinyinTokens(['张三', '李四'])).toEqual(['z', 'zs', 'l', 'ls']);
  });
});

describe('tokenizer fast paths', () => {
  it('classifies every BMP character (and astral samples) exactly as the regular expressions do', () => {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
    const word = /[\p{L}\p{N}]/u;
    const differing: number[] = [];
    const codes = [
      ...Array.from({ length: 0x10000 }, (_, i) => i),
      0x20bb7,
      0x1f600,
      0x10400,
      0x2a6d6,
      0x1d7ce,
    ];
    for (const code of codes) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates never come out of a string's iterator
      const ch = String.fromCodePoint(code);
      const expected = cjk.test(ch) ? 'cjk' : word.test(ch) ? 'word' : null;
      if (charKind(ch) !== expected) differing.push(code);
    }
    expect(differing).toEqual([]);
  });

  it('toIndexText equals the tokens joined by spaces, for any mix of scripts, digits and punctuation', () => {
    const alphabet = [...'张晓梅调解冷静期aZ09 ，。-—２ＬＨ𠮷野カナ한글éß\u00a0\t'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(toIndexText(text)).toBe(searchTokens(text).join(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
