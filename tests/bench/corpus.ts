/* Shared by the benchmarks: realistic Chinese names and casework prose, and a seeded PRNG so runs compare. */

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志晓梅雪琳婷';
export const SENTENCES = [
  '双方因家务分工问题多次争吵。',
  '辅导员引导双方回顾婚姻中的美好时光。',
  '女方表示愿意再给对方一次机会。',
  '男方承认对家庭照顾不够。',
  '双方同意调解，约定下次面谈时间。',
  '建议双方在冷静期内减少正面冲突。',
  '孩子的教育问题是主要矛盾之一。',
  '经济压力导致夫妻关系紧张。',
  '婆媳矛盾长期存在，需要家庭成员共同参与。',
  '辅导员介绍了离婚冷静期的法律规定。',
  '双方对财产分割存在分歧。',
  '建议寻求专业心理咨询帮助。',
  '女方情绪激动，辅导员进行了情绪疏导。',
  '双方表示会认真考虑是否继续婚姻。',
  '约定两周后电话回访。',
  '男方长期在外务工，沟通较少。',
  '双方均表示关心孩子的成长。',
  '老人赡养问题引发争执。',
];
/** Common characters for the free-text part of the notes: real notes are not a handful of sentences. */
export const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年能下过子得家' +
  '后自所然没那方当还想经又看天只如样同意但起多工作事情问题关系孩子父母丈夫妻子离婚结婚感情生活' +
  '沟通矛盾争吵理解支持照顾责任经济收入房子工资老人身体健康学习工作单位朋友亲戚邻居电话见面时间' +
  '希望担心害怕生气难过高兴满意同意拒绝考虑决定改变坚持放弃努力帮助建议处理解决调整安排';

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded generators of casework text: party names, ID numbers, and notes of ≈190 characters. */
export function caseworkText(seed: number): {
  name: () => string;
  idNumber: () => string;
  notes: () => string;
} {
  const random = rng(seed);
  const pick = (text: string) => text[Math.floor(random() * text.length)] ?? '';
  const clause = () => `${Array.from({ length: 13 }, () => pick(COMMON)).join('')}。`;
  return {
    name: () => `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.4 ? pick(GIVEN) : ''}`,
    idNumber: () => `3701811990${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    // Half stock phrasing, half free text (so it compresses like notes, not like a list).
    notes: () =>
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0 ? (SENTENCES[Math.floor(random() * SENTENCES.length)] ?? '') : clause(),
      ).join(''),
  };
}
