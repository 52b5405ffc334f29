// The county's byte reader of change lines (src/shared/sync/change-reader.ts) against the definition it
// must agree with: the strict JSON reader and the zod schema (readOneChangeLine in changes.ts), on random
// mutations of real lines — the same lines accepted with the same fields and row, the same refusals with
// the same reasons. Also its UTF-8 check against a fatal TextDecoder.
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChangeLines, SyncFormatError } from '../../src/shared/sync';
import { readOneChangeLine } from '../../src/shared/sync/changes';
import { isWellFormedUtf8 } from '../../src/shared/sync/utf8';

const ID = '0190a7c2-0000-7000-8000-00000000002a';
const row = (extra: string) => `{"id":"${ID}"${extra}}`;
const line = (fields: string, rowText: string) =>
  `{"seq":41,"table":"referrals","id":"${ID}","op":"update","version":3,${fields}"changedAt":"2026-11-23T08:29:58.114Z","row":${rowText}}`;

const BASES = [
  line('', row(',"reason":"转介原因","deleted_at":null,"version":3')),
  line(
    '',
    row(',"note":"第一行\\n\\"引号\\"\\ud83d\\ude00\\/\\t","hours":1.5,"deleted_at":"2026-11-23T08:00:00Z"'),
  ),
  line('', row(',"n":[1,-0.5,2e10,true,false,null,{"a":{"b":[]}}],"e":{},"s":"😀"')),
  line('', `{"version":3,"id":"${ID}"}`),
  `{"row":${row('')},"changedAt":"2024-02-29T23:59:59Z","version":9007199254740991,"op":"delete","id":"${ID}","table":"users","seq":9007199254740991}`,
];

/** Pieces that make JSON interesting when dropped into a line. */
const PIECES = [
  ...'{}[]:,"\\ -+.0123456789eEtrufalsn/bx\u0001\r\t',
  '\\u0041',
  '\\ud83d',
  '\\ude00',
  '\\u00',
  '"id"',
  '"seq"',
  '"row"',
  '"deleted_at"',
  '"\\u0069d"',
  ':null',
  ':1',
  ':"x"',
  '1e400',
  '0190a7c2',
  '中',
  '😀',
];

const mutation = fc.record({
  base: fc.nat(BASES.length - 1),
  edits: fc.array(
    fc.record({
      at: fc.nat(),
      cut: fc.nat(3),
      piece: fc.constantFrom(...PIECES),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

function mutate({ base, edits }: { base: number; edits: { at: number; cut: number; piece: string }[] }) {
  let text = BASES[base] ?? '';
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    text = text.slice(0, at) + e.piece + text.slice(at + e.cut);
  }
  // As bytes on the wire: an edit that split a surrogate pair of the text becomes U+FFFD, as UTF-8 can hold.
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

type Outcome = { error: string } | { fields: object; row: unknown; softDeleted: boolean };

function viaReader(text: string): Outcome {
  try {
    const [record] = readChangeLines(new TextEncoder().encode(`${text}\n`), 1);
    if (!record) throw new Error('no record');
    const { row: bytes, softDeleted, ...fields } = record;
    return { fields, row: JSON.parse(new TextDecoder().decode(bytes)) as unknown, softDeleted };
  } catch (e) {
    if (e instanceof SyncFormatError) return { error: `${e.code} ${e.reason}` };
    throw e;
  }
}

function viaDefinition(text: string): Outcome {
  try {
    const { row, ...fields } = readOneChangeLine(text, 'change line 1');
    const deletedAt = row['deleted_at'];
    return { fields, row, softDeleted: deletedAt !== null && deletedAt !== undefined };
  } catch (e) {
    if (e instanceof SyncFormatError) return { error: `${e.code} ${e.reason}` };
    throw e;
  }
}

describe('readChangeLines agrees with the schema', () => {
  it('on every base line, taking the row as the bytes sent', () => {
    for (const text of BASES) {
      expect(viaReader(text)).toEqual(viaDefinition(text));
      const body = new TextEncoder().encode(`${text}\n`);
      const [record] = readChangeLines(body, 1);
      // The clean case: the row is a view into the body, not a copy made by the fallback.
      expect(record?.row.buffer).toBe(body.buffer);
    }
  });

  it('on random mutations of them: the same acceptance, fields, rows and reasons', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const text = mutate(m);
        expect(viaReader(text)).toEqual(viaDefinition(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a seq that does not increase, naming the line', () => {
    const body = new TextEncoder().encode(`${BASES[0]}\n${BASES[0]}\n`);
    expect(() => readChangeLines(body, 2)).toThrow('change line 2: seq not increasing');
  });
});

describe('isWellFormedUtf8', () => {
  const fatal = (bytes: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  it('agrees with a fatal TextDecoder on random bytes and on edge sequences', () => {
    const edges = [
      [0xc0, 0x80],
      [0xc2, 0x80],
      [0xe0, 0x9f, 0xbf],
      [0xe0, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80],
      [0xef, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe4, 0xb8],
      [0x80],
    ].map((b) => new Uint8Array(b));
    for (const bytes of edges) {
      expect(isWellFormedUtf8(bytes), String(bytes)).toBe(fatal(bytes));
      // The county checks with Node's isUtf8 (readChangeLines' option): the same rule.
      expect(isUtf8(bytes), String(bytes)).toBe(fatal(bytes));
    }
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (b) => {
        const bytes = new Uint8Array(b);
        expect(isWellFormedUtf8(bytes)).toBe(fatal(bytes));
        expect(isUtf8(bytes)).toBe(fatal(bytes));
      }),
      { numRuns: 5000 },
    );
  });

  it('readChangeLines refuses a body that is not UTF-8 with either check', () => {
    const body = new Uint8Array([...new TextEncoder().encode(`${BASES[0] ?? ''}\n`), 0xed, 0xa0, 0x80, 0x0a]);
    for (const options of [{}, { isUtf8 }]) {
      expect(() => readChangeLines(body, 2, options)).toThrow('batch body is not UTF-8');
    }
  });
});
