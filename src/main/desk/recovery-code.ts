import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so the code survives being read aloud or copied by hand. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 8;
const GROUP_LENGTH = 5;

/** 40 symbols × 5 bits = 200 bits of entropy, shown as 8 groups of 5 joined with '-'. */
export function generateRecoveryCode(): { code: string; groups: string[] } {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // 256 is a multiple of 32, so `byte & 31` is uniform: no modulo bias.
  const symbols = Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
  return { code: groups.join('-'), groups };
}

/**
 * The form slot keys are derived from: Crockford's decoding rules (case-insensitive; O reads as 0, I and L
 * as 1) with spaces and dashes dropped, so "abcde fghjk…" and "ABCDE-FGHJK-…" unlock the same slot.
 */
export function normalizeRecoveryCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
