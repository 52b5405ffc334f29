import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from '../users';

/*
 * Password strength: ONE scoring for the main process's check and the renderer's meter. zxcvbn-ts
 * (maintained port of Dropbox's zxcvbn) estimates the guesses an attacker needs, with its common-password
 * list (≈49,000 entries from leaks), keyboard patterns, dates, repeats and sequences, plus a list of
 * passwords and pinyin words common in China and in this kind of office (below) and the person's own
 * username, display name and office. A password is accepted when it has at least PASSWORD_MIN_LENGTH
 * characters, is not itself a common password, and scores at least PASSWORD_MIN_SCORE (zxcvbn: about
 * 10^8 guesses — with scrypt at ≈0.6 s a guess on this PC, years for one attacker's machine).
 *
 * A module of its own, apart from src/shared/users (which holds the two limits): the dictionaries are about
 * 0.45 MB of script, and the renderer loads this module only where a password is set (a dynamic import),
 * never on the sign-in path, which imports src/shared/users.
 */

/**
 * Passwords and words that lists of Chinese leaks show at the top, and words an office like this one would
 * build a password from (婚姻 hunyin, 登记 dengji, 辅导 fudao, 家庭 jiating …), with common surnames
 * and names in pinyin. zxcvbn also finds them inside longer passwords (hunyin2026!).
 */
const CHINESE_COMMON = [
  'woaini',
  'woaini1314',
  'woaini520',
  'woaini521',
  'aini1314',
  '5211314',
  '1314521',
  '1314520',
  '5201314',
  '520520',
  'woaiwojia',
  'woshishui',
  'nihao',
  'mima',
  'mima123',
  'laopo',
  'laogong',
  'baobao',
  'xiaoming',
  'xiaohong',
  'qq123456',
  'zhangwei',
  'wangwei',
  'wangfang',
  'liwei',
  'lijing',
  'liuyang',
  'zhangmin',
  'wangjing',
  'wangjun',
  'zhangjie',
  'liujie',
  'zhangyan',
  'zhangtao',
  'chenjing',
  'liuxin',
  'hunyin',
  'dengji',
  'hunyindengji',
  'fudao',
  'jiating',
  'hunyinjiating',
  'zhongxin',
  'minzheng',
  'minzhengju',
  'zhangqiu',
  'jinan',
  'shandong',
  'beijing',
  'zhongguo',
  'china',
  'zhang',
  'wang',
  'liu',
  'chen',
  'yang',
  'zhao',
  'huang',
  'zhou',
  'sun',
  'zhu',
  'gao',
  'lin',
  'guo',
  'luo',
  'liang',
  'song',
  'zheng',
  'xie',
  'tang',
  'feng',
  'dong',
  'xiao',
  'cheng',
  'yuan',
  'deng',
  'jiang',
];

type Checker = { check(password: string, userInputs?: (string | number)[]): ZxcvbnResultLike };
interface ZxcvbnResultLike {
  score: 0 | 1 | 2 | 3 | 4;
}

let checker: Checker | null = null;
let commonSet: Set<string> | null = null;

/** Built on first use: the dictionaries take a few tens of milliseconds to index. */
function zxcvbn(): Checker {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, 'passwords-zh': CHINESE_COMMON },
    graphs: adjacencyGraphs,
  });
  return checker;
}

function isCommon(password: string): boolean {
  commonSet ??= new Set([...dictionary['passwords-common'], ...CHINESE_COMMON]);
  return commonSet.has(password.toLowerCase());
}

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;
export type PasswordProblem = 'tooShort' | 'common' | 'weak';

export interface PasswordCheck {
  /** For the meter: 0 too short, 1 weak, 2 fair, 3 good, 4 strong. */
  strength: PasswordStrength;
  /** Why the password is refused, or null when it is accepted. */
  problem: PasswordProblem | null;
}

/**
 * Scores `password`; `related` are words an attacker would try first for this person (username, display
 * name, office name): a password built on them scores lower.
 */
export function checkPassword(password: string, related: readonly string[] = []): PasswordCheck {
  if (password.length < PASSWORD_MIN_LENGTH) return { strength: 0, problem: 'tooShort' };
  if (isCommon(password)) return { strength: 1, problem: 'common' };
  const inputs = related.flatMap((w) => [w, ...w.split(/[\s._-]+/)]).filter((w) => w.length >= 2);
  const { score } = zxcvbn().check(password, inputs);
  const strength = Math.max(1, score) as PasswordStrength;
  return { strength, problem: score >= PASSWORD_MIN_SCORE ? null : 'weak' };
}

/** The meter's score (the same function the main process refuses weak passwords with). */
export function passwordStrength(password: string, related: readonly string[] = []): PasswordStrength {
  return checkPassword(password, related).strength;
}
