import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPassword, passwordStrength } from '../../src/shared/password-strength';
import { PASSWORD_MIN_SCORE } from '../../src/shared/users';

/*
 * One password rule for the desk: the main process refuses with checkPassword, and the renderer's meter
 * and form validator use the very same function, so the form never calls "good" what the desk refuses.
 */

describe('password strength', () => {
  it('refuses common passwords, from the zxcvbn list and the Chinese list', () => {
    for (const p of ['password123', '12345678', 'qwertyuiop', '1qaz2wsx', 'woaini1314', '52013144'])
      expect(checkPassword(p).problem, p).not.toBeNull();
    expect(checkPassword('password123').problem).toBe('common');
    expect(checkPassword('woaini1314').problem).toBe('common');
  });

  it('refuses what is built on the office’s words or the person’s own names', () => {
    expect(checkPassword('hunyin2026').problem).toBe('weak');
    expect(checkPassword('liuyang2026', ['liu.yang', '刘洋']).problem).toBe('weak');
    expect(checkPassword('zhangqiu2026', ['章丘区']).problem).toBe('weak');
  });

  it('accepts long unrelated passphrases and scores them at least PASSWORD_MIN_SCORE', () => {
    for (const p of ['correct horse 电池 staple', 'Desk-Admin-2026!', 'blue satchel running 73']) {
      expect(checkPassword(p).problem).toBeNull();
      expect(passwordStrength(p)).toBeGreaterThanOrEqual(PASSWORD_MIN_SCORE);
    }
    expect(checkPassword('short').problem).toBe('tooShort');
  });

  it('the renderer’s meter and form validator call the same function, and nothing else scores', () => {
    // (The renderer's files resolve `@shared` through the renderer's bundler, so they are read, not run.)
    const read = (file: string) =>
      readFileSync(join(__dirname, '../../src/renderer/src/components', file), 'utf8');
    // One loader brings checkPassword itself (a chunk of its own, off the sign-in path) …
    expect(read('passwordCheck.ts')).toMatch(
      /\bcheckPassword\b[^;]*= await import\('@shared\/password-strength'\)/,
    );
    // … and the meter and the validator call what it loads.
    expect(read('StrengthMeter.tsx')).toMatch(/useCheckPassword\(\)/);
    expect(read('rules.ts')).toMatch(/await loadCheckPassword\(\)/);
    for (const file of ['StrengthMeter.tsx', 'rules.ts']) {
      expect(read(file), file).not.toMatch(/zxcvbn|passwordStrength\(/);
    }
  });
});
