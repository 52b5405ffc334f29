import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentReader, emptyCounts, endLine, manifestLine, rowLine } from '../../src/main/archive/encoding';
import { COLUMNS, SYNCED_ARCHIVE_TABLES } from '../../src/main/archive/tables';
import { DomainError } from '../../src/shared/errors';
import { readStore } from '../support/archive-fixture';
import { setUpDesk } from '../support/desk-fixture';

/*
 * The archive's content format against the store it comes from: every archived table carries exactly the
 * store's columns (a migration that adds one must change the format), import_reviews is desk-local, and
 * the content reader refuses every line that breaks the format with its code.
 */

describe('the archived tables and the store', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const desk = await setUpDesk();
    dir = desk.desk.dir;
    await desk.desk.close();
    cleanup = desk.cleanup;
  });
  afterAll(() => cleanup());

  it('every archived table has exactly the columns of the latest schema, in its order', async () => {
    await readStore(dir, async (q) => {
      for (const table of SYNCED_ARCHIVE_TABLES) {
        const columns = (await q(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).map(
          (c) => c['name'],
        );
        expect(COLUMNS[table], table).toEqual(columns);
      }
    });
  });

  it('migration 0010: import_reviews exists, is indexed by either case, and is never captured for sync', async () => {
    await readStore(dir, async (q) => {
      const objects = await q(
        `SELECT type, name FROM sqlite_master WHERE tbl_name = 'import_reviews' ORDER BY type, name`,
      );
      expect(objects.map((o) => `${String(o['type'])}:${String(o['name'])}`)).toEqual([
        'index:import_reviews_case',
        'index:import_reviews_other_case',
        'index:sqlite_autoindex_import_reviews_1',
        'table:import_reviews',
      ]);
      expect(
        await q(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'import_reviews'`),
      ).toEqual([]);
    });
  });
});

describe('the content reader', () => {
  const manifest = (counts = emptyCounts(), extra: Record<string, unknown> = {}) =>
    manifestLine({
      exportedAt: '2026-03-02T01:30:00.000Z',
      sourceDevice: 'desk-1',
      schemaVersion: 10,
      counts,
      omitted: [],
      ...extra,
    });
  const user = { id: 'u1', display_name: '王主任', role: 'director' };
  const read = (text: string, split = 7): unknown => {
    const reader = new ContentReader();
    const bytes = Buffer.from(text);
    // Chunk borders anywhere, even inside a character.
    for (let i = 0; i < bytes.length; i += split) reader.push(bytes.subarray(i, i + split));
    try {
      return reader.finish();
    } catch (e) {
      return e instanceof DomainError ? `${e.code}:${String(e.meta['table'] ?? '')}` : e;
    }
  };
  const readError = (text: string): unknown => {
    try {
      return read(text);
    } catch (e) {
      return e instanceof DomainError ? `${e.code}:${String(e.meta['table'] ?? '')}` : e;
    }
  };

  it('reads a well-formed content, across chunk borders', () => {
    const counts = { ...emptyCounts(), users: 1 };
    const content = read(manifest(counts) + rowLine('users', user) + endLine(1)) as {
      rows: { users: unknown[] };
    };
    expect(content.rows.users).toEqual([user]);
  });

  it('refuses what breaks the format, naming where', () => {
    const counts = { ...emptyCounts(), users: 1 };
    const ok = (line: string) => manifest(counts) + line + endLine(1);
    expect(readError(ok('{"type":"row","table":"secrets","row":{"id":"x"}}\n'))).toBe(
      'ARCHIVE_CONTENT_INVALID:row',
    );
    expect(readError(ok(rowLine('users', { ...user, password: 'x' })))).toBe('ARCHIVE_CONTENT_INVALID:users');
    expect(readError(ok(rowLine('users', { id: 'u1', display_name: 'x' })))).toBe(
      'ARCHIVE_CONTENT_INVALID:users',
    );
    expect(readError(ok(rowLine('users', { ...user, role: 7 })))).toBe('ARCHIVE_CONTENT_INVALID:users');
    expect(readError(manifest(counts) + rowLine('users', user))).toBe('ARCHIVE_CONTENT_INVALID:end');
    expect(readError(manifest(counts) + rowLine('users', user) + endLine(2))).toBe(
      'ARCHIVE_CONTENT_INVALID:end',
    );
    expect(readError(manifest(counts) + endLine(0))).toBe('ARCHIVE_CONTENT_INVALID:users');
    expect(readError(manifest(counts) + rowLine('users', user) + rowLine('users', user) + endLine(2))).toBe(
      'ARCHIVE_CONTENT_INVALID:users',
    );
    expect(readError(ok(rowLine('users', user)) + '{"type":"row"}\n')).toBe('ARCHIVE_CONTENT_INVALID:end');
    expect(readError('not json\n')).toBe('ARCHIVE_CONTENT_INVALID:manifest');
    expect(readError(manifest(counts, { sourceDevice: 5 }))).toBe('ARCHIVE_CONTENT_INVALID:manifest');
    const newer = JSON.stringify({ type: 'manifest', formatVersion: 2 });
    expect(readError(`${newer}\n`)).toBe('ARCHIVE_NEWER_FORMAT:');
    expect(readError(Buffer.from([0xff, 0xfe, 0x0a]).toString('latin1'))).toBe(
      'ARCHIVE_CONTENT_INVALID:manifest',
    );
  });
});
