/*
 * The sync benchmark's desk: exactly `changes` captured changes on a real encrypted store, made fast with
 * prepared statements in large transactions (the capture triggers record each insert like any write).
 * Rows look like casework: a case, its two parties (Chinese names, ID numbers) and one counselling
 * record of ≈190 Chinese characters of notes — four changes a case — plus the counsellors (users).
 */
import { openStore } from '../../src/main/db/connection';
import { uuidv7 } from '../../src/main/db/ids';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志晓梅雪琳婷';
const SENTENCES = [
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
];
/** Common characters for the free-text part of the notes: real notes are not a handful of sentences. */
const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年能下过子得家' +
  '后自所然没那方当还想经又看天只如样同意但起多工作事情问题关系孩子父母丈夫妻子离婚结婚感情生活' +
  '沟通矛盾争吵理解支持照顾责任经济收入房子工资老人身体健康学习工作单位朋友亲戚邻居电话见面时间' +
  '希望担心害怕生气难过高兴满意同意拒绝考虑决定改变坚持放弃努力帮助建议处理解决调整安排';

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANGES_PER_CASE = 4;
const MIN_COUNSELLORS = 20;

/** Seeds a new desk store in `dir` and closes it; returns the number of captured changes. */
export async function seedSyncDesk(dir: string, dbKey: Buffer, changes: number): Promise<number> {
  const store = await openStore(dir, dbKey, { create: true });
  const { sqlite } = store;
  const random = rng(20261123);
  const pick = (text: string) => text[Math.floor(random() * text.length)] ?? '';
  const name = () => `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.4 ? pick(GIVEN) : ''}`;
  const idNumber = () => `3701811990${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  const clause = () => `${Array.from({ length: 13 }, () => pick(COMMON)).join('')}。`;
  // ≈190 characters: half stock phrasing, half free text (so it compresses like notes, not like a list).
  const notes = () =>
    Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? (SENTENCES[Math.floor(random() * SENTENCES.length)] ?? '') : clause(),
    ).join('');
  const at = '2026-11-02T02:00:00.000Z';

  // Counsellors fill up what whole cases leave, so the total is exactly `changes`.
  const cases = Math.floor(Math.max(0, changes - MIN_COUNSELLORS) / CHANGES_PER_CASE);
  const users = changes - cases * CHANGES_PER_CASE;
  const insertUser = sqlite.prepare(`INSERT INTO users (id, username, display_name, role, created_at,
    updated_at, origin_device) VALUES (?, ?, ?, 'counsellor', ?, ?, 'bench')`);
  const counsellors: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < users; i++) {
      const id = uuidv7();
      insertUser.run(id, `counsellor${i}`, `辅导员${name()}`, at, at);
      counsellors.push(id);
    }
  })();

  const insertCase =
    sqlite.prepare(`INSERT INTO cases (id, case_number, type, received_date, filing_received_date,
    receipt_number, registration_status, withdrawal_deadline, certificate_window_start, certificate_window_end,
    next_deadline, counsellor_id, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'divorce_adjustment', '2026-11-02', '2026-11-02', ?, 'accepted_cooling', '2026-12-02',
    '2026-12-03', '2027-01-01', '2026-12-02', ?, ?, ?, ?, 'bench')`);
  const insertParty = sqlite.prepare(`INSERT INTO case_parties (id, case_id, party, name, document_type,
    document_number, created_at, updated_at, origin_device) VALUES (?, ?, ?, ?, 'resident_id', ?, ?, ?, 'bench')`);
  const insertRecord = sqlite.prepare(`INSERT INTO counselling_records (id, case_id, status, attendees,
    interview_notes, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'draft', '{"parties":[],"others":[]}', ?, ?, ?, ?, 'bench')`);
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = uuidv7();
      const when = new Date(Date.parse(at) + i * 1000).toISOString();
      const counsellor = counsellors[i % counsellors.length] ?? '';
      insertCase.run(
        id,
        `2026-LH-${String(i + 1).padStart(6, '0')}`,
        `SL-2026-${i + 1}`,
        counsellor,
        counsellor,
        when,
        when,
      );
      insertParty.run(uuidv7(), id, 'party_a', name(), idNumber(), when, when);
      insertParty.run(uuidv7(), id, 'party_b', name(), idNumber(), when, when);
      insertRecord.run(uuidv7(), id, notes(), counsellor, when, when);
    }
  });
  for (let i = 0; i < cases; i += 5000) seed(i, Math.min(cases, i + 5000));

  const { n } = sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
  await store.close();
  return n;
}
