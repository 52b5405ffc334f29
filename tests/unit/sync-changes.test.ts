// The batch body reader (src/shared/sync/changes.ts) against the desk's own writer (changeLine) and
// against every rule of docs/sync-format.md § Batch body: change lines.
import { describe, expect, it } from 'vitest';
import { changeLine, type OutboxChange } from '../../src/main/sync/outbox';
import { SyncFormatError, parseChangeLines } from '../../src/shared/sync';

const ID = '0190a7c2-0000-7000-8000-00000000002a';

function change(over: Partial<OutboxChange> = {}): OutboxChange {
  return {
    seq: 41,
    table: 'referrals',
    id: ID,
    op: 'update',
    version: 3,
    changedAt: '2026-11-23T08:29:58.114Z',
    rowJson: JSON.stringify({
      id: ID,
      reason: '转介"原因"\n第二行',
      children: '[]',
      version: 3,
      deleted_at: null,
    }),
    ...over,
  };
}

const body = (text: string) => new TextEncoder().encode(text);
const lines = (...xs: string[]) => body(xs.map((x) => `${x}\n`).join(''));

function reasonOf(work: () => unknown): string {
  try {
    work();
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof SyncFormatError) return `${e.code} ${e.reason}`;
    throw e;
  }
}

describe('parseChangeLines', () => {
  it('reads what the desk writes, row included, in order', () => {
    const a = change();
    const b = change({
      seq: 42,
      op: 'delete',
      table: 'dv_disclosures',
      rowJson: `{"id":"${ID}","facts":"x"}`,
    });
    const parsed = parseChangeLines(lines(changeLine(a), changeLine(b)), 2);
    expect(parsed).toEqual([
      {
        seq: 41,
        table: 'referrals',
        id: ID,
        op: 'update',
        version: 3,
        changedAt: a.changedAt,
        row: JSON.parse(a.rowJson) as unknown,
      },
      {
        seq: 42,
        table: 'dv_disclosures',
        id: ID,
        op: 'delete',
        version: 3,
        changedAt: a.changedAt,
        row: { id: ID, facts: 'x' },
      },
    ]);
  });

  it('refuses the batch for a wrong count, order, newline or encoding, naming the line, never a value', () => {
    const good = changeLine(change());
    const next = changeLine(change({ seq: 42 }));
    expect(reasonOf(() => parseChangeLines(lines(good, next), 3))).toBe(
      'MALFORMED 2 change lines, header count 3',
    );
    expect(reasonOf(() => parseChangeLines(lines(next, good)))).toBe(
      'MALFORMED change line 2: seq not increasing',
    );
    expect(reasonOf(() => parseChangeLines(lines(good, good)))).toBe(
      'MALFORMED change line 2: seq not increasing',
    );
    expect(reasonOf(() => parseChangeLines(body(`${good}\n${next}`)))).toMatch(/no newline/);
    expect(reasonOf(() => parseChangeLines(body(`${good}\n\n${next}\n`)))).toBe(
      'MALFORMED change line 2: unexpected character at character 1',
    );
    expect(reasonOf(() => parseChangeLines(body(`${good}\r\n`)))).toBe(
      `MALFORMED change line 1: text after the value at character ${good.length + 1}`,
    );
    expect(reasonOf(() => parseChangeLines(body(` ${good}\n`)))).toBe(
      'MALFORMED change line 1: unexpected character at character 1',
    );
    expect(reasonOf(() => parseChangeLines(body('')))).toMatch(/empty/);
    expect(reasonOf(() => parseChangeLines(Uint8Array.from([0xff, 0x0a])))).toMatch(/UTF-8/);
  });

  it('refuses a line that is not exactly a change', () => {
    const base = JSON.parse(changeLine(change())) as Record<string, unknown>;
    const bad = (over: Record<string, unknown>) => JSON.stringify({ ...base, ...over });
    const cases: [string, string][] = [
      [bad({ extra: 1 }), '(root)'],
      [bad({ op: 'upsert' }), 'op'],
      [bad({ seq: 0 }), 'seq'],
      [bad({ seq: 1.5 }), 'seq'],
      [bad({ version: '3' }), 'version'],
      [bad({ table: 'Cases' }), 'table'],
      [bad({ table: 'x'.repeat(65) }), 'table'],
      [bad({ id: '' }), 'id'],
      [bad({ id: 'a b' }), 'id'],
      [bad({ changedAt: '2026-11-23 08:29:58' }), 'changedAt'],
      [bad({ row: [ID] }), 'row'],
      [bad({ row: { id: 'another' } }), 'row.id'],
      [bad({ row: {} }), 'row.id'],
      ['[1,2]', '(root)'],
    ];
    for (const [line, field] of cases) {
      const reason = reasonOf(() => parseChangeLines(lines(line)));
      expect(reason, line).toMatch(
        new RegExp(`^MALFORMED change line 1: invalid field\\(s\\): .*${field.replace(/[()]/g, '\\$&')}`),
      );
      expect(reason).not.toContain('upsert');
      expect(reason).not.toContain('another');
    }
  });

  it('accepts any table name of the pattern and a changedAt without fraction', () => {
    const line = changeLine(
      change({ table: 'future_table' as OutboxChange['table'], changedAt: '2026-11-23T08:29:58Z' }),
    );
    expect(parseChangeLines(lines(line), 1)[0]?.table).toBe('future_table');
  });
});
