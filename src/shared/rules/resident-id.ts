import { toDayNumber } from '../calendar';

/**
 * Mainland resident identity numbers (GB 11643-1999): 17 digits and a check character computed with
 * ISO 7064 MOD 11-2 (which may be X). Digits 7–14 are the birth date (YYYYMMDD); the 17th digit is odd
 * for a man and even for a woman. A lowercase x is accepted and treated as X.
 */
export type ResidentIdProblem =
  /** not 18 characters */
  | 'length'
  /** something other than digits, or an X anywhere but last */
  | 'characters'
  /** digits 7–14 are not a real calendar date */
  | 'birth_date'
  /** the check character does not match */
  | 'checksum';

export type ResidentIdResult =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: ResidentIdProblem; expectedCheck?: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1800;

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function parseResidentId(id: string): ResidentIdResult {
  const value = id.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'characters' };

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (toDayNumber(birthDate) === null || Number(value.slice(6, 10)) < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: 'birth_date' };
  }
  const expected = residentIdCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, reason: 'checksum', expectedCheck: expected };

  return { ok: true, birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}

/** For lists and printouts: the region code's first 3 digits and the last 4 characters only. */
export function maskResidentId(id: string): string {
  const value = id.trim().toUpperCase();
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
