import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskResidentId, parseResidentId, residentIdCheckChar } from '../../src/shared/rules/resident-id';
import { fromDayNumber, toDayNumber } from '../../src/shared/calendar/local-date';

describe('parseResidentId (GB 11643-1999)', () => {
  it('accepts the standard examples and derives birth date and sex', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(parseResidentId('11010519491231002x')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(parseResidentId('440524188001010014')).toEqual({ ok: true, birthDate: '1880-01-01', sex: 'male' });
  });

  it('names what is wrong', () => {
    expect(parseResidentId('110105194912310021')).toMatchObject({
      ok: false,
      reason: 'checksum',
      expectedCheck: 'X',
    });
    expect(parseResidentId('11010519491231002')).toMatchObject({ ok: false, reason: 'length' });
    expect(parseResidentId('1101051949123100X2')).toMatchObject({ ok: false, reason: 'characters' });
    expect(parseResidentId('11010519490231002X')).toMatchObject({ ok: false, reason: 'birth_date' });
    expect(parseResidentId('110105194913010020')).toMatchObject({ ok: false, reason: 'birth_date' });
  });

  it('accepts every well-formed number and rejects every single-character change of it', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
    const birth = fc
      .integer({ min: toDayNumber('1900-01-01')!, max: toDayNumber('2026-11-23')! })
      .map(fromDayNumber);
    fc.assert(
      fc.property(digits(6), birth, digits(3), fc.integer({ min: 0, max: 16 }), (region, date, seq, pos) => {
        const first17 = `${region.join('')}${date.replaceAll('-', '')}${seq.join('')}`;
        const id = first17 + residentIdCheckChar(first17);
        const parsed = parseResidentId(id);
        expect(parsed).toEqual({ ok: true, birthDate: date, sex: seq[2]! % 2 === 1 ? 'male' : 'female' });
        // MOD 11-2 detects every single-digit error.
        const changed = String((Number(id[pos]) + 1) % 10);
        const typo = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(parseResidentId(typo).ok).toBe(false);
      }),
    );
  });

  it('masks the middle for lists', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });
});
