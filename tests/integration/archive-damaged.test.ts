import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../support/case-fixture';
import {
  archiveDesk,
  exportCases,
  filesIn,
  PASSPHRASE,
  readStore,
  seedCases,
  type ArchiveDesk,
  type Seeded,
} from '../support/archive-fixture';

/*
 * Files that must not import, each with its own code, and a desk that stays as it was; exports that cannot
 * be written (no stick, a cancelled dialog, archive.cancel) leave nothing behind and change nothing.
 */

let a: ArchiveDesk;
let b: ArchiveDesk;
let seeded: Seeded;
let archive: string;
beforeAll(async () => {
  a = await archiveDesk();
  seeded = await seedCases(a);
  await signInAs(a.desk, 'director');
  const exported = await exportCases(a.desk, seeded.caseIds);
  archive = join(a.stick, exported.fileName!);
  b = await archiveDesk();
  await signInAs(b.desk, 'director');
}, 60_000);
afterAll(async () => {
  await a.cleanup();
  await b.cleanup();
});

/** A stick holding only `bytes` as an archive; desk B's dialogs answer it. */
function stickWith(name: string, bytes: Buffer): void {
  const folder = join(b.stick, name);
  mkdirSync(folder);
  writeFileSync(join(folder, '案卷-2026-03-02-093000.cdar'), bytes);
  b.setFolder(folder);
}

async function readCode(passphrase = PASSPHRASE): Promise<string> {
  const chosen = await b.desk.call('archive.chooseImport', null);
  if (!chosen.ok) return chosen.error.code;
  const read = await b.desk.call('archive.readImport', { passphrase });
  return read.ok ? 'ok' : read.error.code;
}

describe('an archive that must not import', () => {
  it('each fault has its own code, and nothing is imported', async () => {
    const good = readFileSync(archive);
    stickWith('wrong-pass', good);
    expect(await readCode('not the passphrase at all 9')).toBe('ARCHIVE_WRONG_PASSPHRASE');

    const flipped = Buffer.from(good);
    flipped[flipped.length - 40]! ^= 0x01;
    stickWith('tampered', flipped);
    expect(await readCode()).toBe('ARCHIVE_DAMAGED');

    stickWith('truncated', good.subarray(0, good.length - 100));
    expect(await readCode()).toBe('ARCHIVE_TRUNCATED');

    stickWith('not-ours', Buffer.from('PK\u0003\u0004 just a zip file, not an archive'));
    expect(await readCode()).toBe('ARCHIVE_NOT_ARCHIVE');

    // Read without choosing, apply without reading.
    await b.desk.ok('archive.discardImport', null);
    expect((await b.desk.fails('archive.readImport', { passphrase: PASSPHRASE })).code).toBe(
      'ARCHIVE_NO_IMPORT_CHOSEN',
    );
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [] })).code).toBe('ARCHIVE_NOT_READ');

    // A good copy reads; replacing a case that is new is refused; discarding imports nothing.
    stickWith('good', good);
    expect(await readCode()).toBe('ok');
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [seeded.caseIds[0]!] })).code).toBe(
      'ARCHIVE_REPLACE_NOT_NEWER',
    );
    await b.desk.ok('archive.discardImport', null);
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [] })).code).toBe('ARCHIVE_NOT_READ');

    const list = await b.desk.ok('cases.list', {});
    expect(list.total).toBe(0);
  });

  it('a stick pulled after choosing the file: ARCHIVE_FILE_UNAVAILABLE', async () => {
    const folder = join(b.stick, 'pulled');
    mkdirSync(folder);
    const file = join(folder, '案卷-2026-03-02-093000.cdar');
    copyFileSync(archive, file);
    b.setFolder(folder);
    await b.desk.ok('archive.chooseImport', null);
    rmSync(file);
    expect((await b.desk.fails('archive.readImport', { passphrase: PASSPHRASE })).code).toBe(
      'ARCHIVE_FILE_UNAVAILABLE',
    );
  });
});

describe('an export that cannot be written', () => {
  it('refuses a mismatched or weak passphrase before asking for a folder', async () => {
    const selection = { kind: 'cases' as const, caseIds: seeded.caseIds };
    const mismatch = await a.desk.fails('archive.export', {
      selection,
      passphrase: PASSPHRASE,
      passphraseConfirm: `${PASSPHRASE}!`,
      summaryPdf: false,
    });
    expect(mismatch.code).toBe('ARCHIVE_PASSPHRASE_MISMATCH');
    const weak = await a.desk.fails('archive.export', {
      selection,
      passphrase: 'password1',
      passphraseConfirm: 'password1',
      summaryPdf: false,
    });
    expect(weak.code).toBe('ARCHIVE_WEAK_PASSPHRASE');
  });

  it('a cancelled dialog, a missing stick, a cancel: no file, and nothing changed (not even the audit log)', async () => {
    const auditBefore = await a.desk.ok('audit.list', { pageSize: 1 });
    const empty = join(a.stick, 'empty');
    mkdirSync(empty);

    a.setFolder(null);
    expect(await exportCases(a.desk, seeded.caseIds)).toMatchObject({ cancelled: true, fileName: null });

    a.setFolder(join(a.stick, 'no-such-stick'));
    expect(
      (
        await a.desk.fails('archive.export', {
          selection: { kind: 'cases', caseIds: seeded.caseIds },
          passphrase: PASSPHRASE,
          passphraseConfirm: PASSPHRASE,
          summaryPdf: false,
        })
      ).code,
    ).toBe('ARCHIVE_FOLDER_UNAVAILABLE');

    // archive.cancel while the export runs (sent as soon as the folder is chosen).
    a.setFolder(empty);
    const running = exportCases(a.desk, seeded.caseIds);
    const cancel = a.desk.ok('archive.cancel', null);
    const [result] = await Promise.all([running, cancel]);
    expect(result).toMatchObject({ cancelled: true, fileName: null });
    expect(filesIn(empty)).toEqual([]);
    expect((await a.desk.ok('archive.progress', null)).job).toBeNull();

    const auditAfter = await a.desk.ok('audit.list', { pageSize: 1 });
    expect(auditAfter.total).toBe(auditBefore.total);
  });
});

describe('the store afterwards', () => {
  it('desk B holds no case and no imported row after all the refusals', async () => {
    await b.desk.close();
    const counts = await readStore(b.dir, (q) =>
      q(`SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM import_reviews) AS reviews`),
    );
    expect(counts).toEqual([{ cases: 0, reviews: 0 }]);
  });
});
