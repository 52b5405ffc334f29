import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs } from '../support/case-fixture';
import {
  archiveDesk,
  exportCases,
  PASSPHRASE,
  readStore,
  seedCases,
  type ArchiveDesk,
  type Seeded,
} from '../support/archive-fixture';

/*
 * Importing cases this desk already has: identical → nothing; the archive newer and confirmed → replaced;
 * not confirmed, or this desk newer → both kept, the copy with new ids and numbers, flagged for review.
 */

let a: ArchiveDesk;
let b: ArchiveDesk;
let seeded: Seeded;
beforeEach(async () => {
  a = await archiveDesk();
  seeded = await seedCases(a);
  b = await archiveDesk();
  b.setFolder(a.stick);
  await signInAs(a.desk, 'director');
  await signInAs(b.desk, 'director');
  // B starts with A's cases.
  await exportCases(a.desk, seeded.caseIds);
  await b.desk.ok('archive.chooseImport', null);
  await b.desk.ok('archive.readImport', { passphrase: PASSPHRASE });
  await b.desk.ok('archive.applyImport', { replaceCaseIds: [] });
}, 60_000);
afterEach(async () => {
  await a.cleanup();
  await b.cleanup();
});

async function readAgain() {
  a.desk.clock.advanceSeconds(2); // a new file name
  await exportCases(a.desk, seeded.caseIds);
  await b.desk.ok('archive.chooseImport', null);
  return b.desk.ok('archive.readImport', { passphrase: PASSPHRASE });
}

const MAIN = 0;

/** Adds an addendum to the case's first record, as the director of that desk. */
async function addendum(d: ArchiveDesk, caseId: string, text: string): Promise<void> {
  const [record] = await d.desk.ok('records.list', { caseId });
  await d.desk.ok('records.addAddendum', { recordId: record!.id, text });
}

async function addendaOf(d: ArchiveDesk, caseId: string): Promise<string[]> {
  return (await d.desk.ok('records.list', { caseId })).flatMap((r) => r.addenda.map((x) => x.text));
}

describe('cases that already exist here', () => {
  it('the same archive again: every case "same", nothing written', async () => {
    const preview = await readAgain();
    expect(preview.cases.map((c) => [c.state, c.differences])).toEqual([
      ['same', []],
      ['same', []],
      ['same', []],
    ]);
    expect(await b.desk.ok('archive.applyImport', { replaceCaseIds: [] })).toEqual({
      added: 0,
      replaced: 0,
      keptBoth: 0,
      unchanged: 3,
    });
    expect((await b.desk.ok('cases.list', {})).total).toBe(3);
  });

  it('the archive newer: replaced when confirmed, kept twice and flagged when not', async () => {
    const [main, second] = [seeded.caseIds[MAIN]!, seeded.caseIds[1]!];
    await addendum(a, main, '新的补充说明');
    await addendum(a, second, '另一条补充');
    const preview = await readAgain();
    const byId = new Map(preview.cases.map((c) => [c.caseId, c]));
    expect(byId.get(main)).toMatchObject({ state: 'archive_newer', differences: ['addenda'] });
    expect(byId.get(second)?.state).toBe('archive_newer');

    const result = await b.desk.ok('archive.applyImport', { replaceCaseIds: [main] });
    expect(result).toEqual({ added: 0, replaced: 1, keptBoth: 1, unchanged: 1 });
    expect(await addendaOf(b, main)).toContain('新的补充说明');
    // The unconfirmed one: this desk's copy untouched, the archive's beside it, both flagged.
    expect(await addendaOf(b, second)).not.toContain('另一条补充');
    const { reviews } = await b.desk.ok('archive.reviews', { caseId: second });
    expect(reviews).toHaveLength(1);
    const original = await b.desk.ok('cases.get', { caseId: second });
    const copy = await b.desk.ok('cases.get', { caseId: reviews[0]!.otherCaseId });
    expect(await addendaOf(b, copy.id)).toContain('另一条补充');
    expect(copy.caseNumber).not.toBe(original.caseNumber);
    expect(copy.parties.map((p) => p.name)).toEqual(original.parties.map((p) => p.name));
    expect((await b.desk.ok('archive.reviews', { caseId: copy.id })).reviews[0]).toMatchObject({
      otherCaseId: second,
      otherCaseNumber: original.caseNumber,
      resolvedAt: null,
    });
    expect((await b.desk.ok('cases.list', {})).total).toBe(4);
    // The copy is found by search like any case.
    const hits = await b.desk.ok('search.cases', { query: copy.caseNumber });
    expect(hits.rows.map((h) => h.id)).toContain(copy.id);

    await b.desk.ok('archive.resolveReview', { reviewId: reviews[0]!.reviewId });
    expect((await b.desk.ok('archive.reviews', { caseId: second })).reviews[0]?.resolvedAt).not.toBeNull();
    expect((await b.desk.fails('archive.resolveReview', { reviewId: seeded.familyId })).code).toBe(
      'ARCHIVE_REVIEW_NOT_FOUND',
    );
  });

  it('this desk newer, or changed on both sides: never overwritten, both kept', async () => {
    const [main, second, third] = [seeded.caseIds[MAIN]!, seeded.caseIds[1]!, seeded.caseIds[2]!];
    await addendum(b, main, '本机补充');
    await addendum(b, second, '本机也补充');
    await addendum(a, second, '对方也补充');
    const preview = await readAgain();
    const byId = new Map(preview.cases.map((c) => [c.caseId, c]));
    expect(byId.get(main)?.state).toBe('local_newer');
    expect(byId.get(second)?.state).toBe('diverged');
    expect(byId.get(third)?.state).toBe('same');
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [main] })).code).toBe(
      'ARCHIVE_REPLACE_NOT_NEWER',
    );
    // A change here after the preview: the preview no longer holds, nothing is imported.
    await b.desk.ok('records.saveDraft', { caseId: third, interviewNotes: '新的草稿' });
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [] })).code).toBe(
      'ARCHIVE_CHANGED_SINCE_READ',
    );
    expect((await b.desk.ok('cases.list', {})).total).toBe(3);
    await b.desk.ok('archive.chooseImport', null);
    await b.desk.ok('archive.readImport', { passphrase: PASSPHRASE });
    const result = await b.desk.ok('archive.applyImport', { replaceCaseIds: [] });
    expect(result).toEqual({ added: 0, replaced: 0, keptBoth: 3, unchanged: 0 });
    expect(await addendaOf(b, main)).toContain('本机补充');

    await b.desk.close();
    await readStore(b.dir, async (q) => {
      expect((await q('SELECT count(*) AS n FROM import_reviews'))[0]).toEqual({ n: 3 });
      // The family archive itself did not differ: it is not copied, and it keeps its one link (the
      // original case); the copies stand outside any family archive, linked to their originals for review.
      expect((await q('SELECT count(*) AS n FROM families'))[0]).toEqual({ n: 1 });
      const links = await q('SELECT case_id FROM family_cases WHERE deleted_at IS NULL');
      expect(links).toEqual([{ case_id: main }]);
    });
  });
});
