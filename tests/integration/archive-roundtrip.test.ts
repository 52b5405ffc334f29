import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLUMNS, SYNCED_ARCHIVE_TABLES } from '../../src/main/archive/tables';
import { signInAs } from '../support/case-fixture';
import {
  archiveDesk,
  exportCases,
  filesIn,
  PASSPHRASE,
  readStore,
  SECRETS,
  seedCases,
  type ArchiveDesk,
  type Row,
  type Seeded,
} from '../support/archive-fixture';
import { FakeClock } from '../support/desk-fixture';

/*
 * Case archives end to end on real encrypted stores: export on one desk, import on a fresh desk with
 * another device id, and the imported rows equal the exported ones field by field; what a role may not
 * see stays out; nothing readable in the file; every export and import audited without personal data.
 */

let a: ArchiveDesk;
let b: ArchiveDesk;
let seeded: Seeded;
beforeEach(async () => {
  a = await archiveDesk();
  seeded = await seedCases(a);
  b = await archiveDesk(new FakeClock(Date.parse('2026-03-05T02:00:00.000Z')));
});
afterEach(async () => {
  await a.cleanup();
  await b.cleanup();
});

/** Every row of every archived table that belongs to the given cases or their families, by table, by id. */
async function caseWorld(dir: string, caseIds: readonly string[]): Promise<Record<string, Row[]>> {
  const ids = caseIds.map((id) => `'${id}'`).join(',');
  const where: Record<string, string> = {
    cases: `id IN (${ids})`,
    case_parties: `case_id IN (${ids})`,
    counselling_records: `case_id IN (${ids})`,
    record_addenda: `case_id IN (${ids})`,
    dv_disclosures: `case_id IN (${ids})`,
    referrals: `case_id IN (${ids})`,
    referral_events: `referral_id IN (SELECT id FROM referrals WHERE case_id IN (${ids}))`,
    supervision_items: `case_id IN (${ids})`,
    families: `id IN (SELECT family_id FROM family_cases WHERE case_id IN (${ids}))`,
    family_cases: `case_id IN (${ids})`,
    family_members: `family_id IN (SELECT family_id FROM family_cases WHERE case_id IN (${ids}))`,
    family_help_links: `family_id IN (SELECT family_id FROM family_cases WHERE case_id IN (${ids}))`,
    followup_plans: `family_id IN (SELECT family_id FROM family_cases WHERE case_id IN (${ids}))`,
    followup_visits: `family_id IN (SELECT family_id FROM family_cases WHERE case_id IN (${ids}))`,
  };
  return readStore(dir, async (q) => {
    const out: Record<string, Row[]> = {};
    for (const table of SYNCED_ARCHIVE_TABLES) {
      out[table] = await q(
        `SELECT ${COLUMNS[table].join(', ')} FROM ${table} WHERE ${where[table]} ORDER BY id`,
      );
    }
    return out;
  });
}

async function importAll(desk: ArchiveDesk['desk'], replaceCaseIds: string[] = []) {
  const chosen = await desk.ok('archive.chooseImport', null);
  expect(chosen.cancelled).toBe(false);
  const preview = await desk.ok('archive.readImport', { passphrase: PASSPHRASE });
  const result = await desk.ok('archive.applyImport', { replaceCaseIds });
  return { chosen, preview, result };
}

describe('export → import on another desk', () => {
  it('reproduces every row of the chosen cases and their family archive, field by field', async () => {
    await signInAs(a.desk, 'director');
    const preview = await a.desk.ok('archive.previewExport', {
      selection: { kind: 'cases', caseIds: seeded.caseIds },
    });
    expect(preview).toEqual({
      caseCount: 3,
      familyCount: 1,
      recordCount: 2,
      addendumCount: 1,
      referralCount: 2,
      supervisionCount: 1,
      visitCount: 1,
      dvDisclosureCount: 1,
      omitted: [],
    });
    const exported = await exportCases(a.desk, seeded.caseIds);
    expect(exported).toMatchObject({ cancelled: false, caseCount: 3, summaryFileName: null });
    expect(exported.fileName).toMatch(/^案卷-\d{4}-\d{2}-\d{2}-\d{6}\.cdar$/);
    expect(filesIn(a.stick)).toEqual([exported.fileName]);

    // Nothing readable: no name, ID number, note or DV fact of a seeded case, in UTF-8 or UTF-16.
    const bytes = readFileSync(join(a.stick, exported.fileName!));
    for (const secret of [
      ...SECRETS.names,
      SECRETS.idNumber,
      SECRETS.notes,
      SECRETS.addendum,
      SECRETS.dvFacts,
    ]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }

    // The stick goes to desk B.
    b.setFolder(a.stick);
    await signInAs(b.desk, 'director');
    const { preview: incoming, result } = await importAll(b.desk);
    expect(incoming).toMatchObject({
      caseCount: 3,
      familyCount: 1,
      recordCount: 2,
      referralCount: 2,
      visitCount: 1,
    });
    expect(incoming.cases.map((c) => c.state)).toEqual(['new', 'new', 'new']);
    expect(result).toEqual({ added: 3, replaced: 0, keptBoth: 0, unchanged: 0 });

    // The imported case is found by search and opens.
    const hits = await b.desk.ok('search.cases', { query: SECRETS.names[0] });
    expect(hits.rows.map((h) => h.id)).toContain(seeded.dvCaseId);
    const detail = await b.desk.ok('cases.get', { caseId: seeded.dvCaseId });
    expect(detail.parties[0].name).toBe(SECRETS.names[0]);

    await a.desk.close();
    await b.desk.close();
    const before = await caseWorld(a.dir, seeded.caseIds);
    const after = await caseWorld(b.dir, seeded.caseIds);
    // Desk B indexed the new cases from the archive's rows: the same documents desk A's writes indexed.
    const indexed = (dir: string) =>
      readStore(dir, (q) =>
        q(`SELECT case_id, content_hash FROM search_docs
           WHERE case_id IN (${seeded.caseIds.map((id) => `'${id}'`).join(',')}) ORDER BY case_id`),
      );
    const hashes = await indexed(a.dir);
    expect(hashes).toHaveLength(3);
    expect(await indexed(b.dir)).toEqual(hashes);
    for (const table of SYNCED_ARCHIVE_TABLES) {
      expect(after[table], table).toEqual(before[table]);
    }
    expect(before['followup_visits']!.length).toBe(1);
    expect(before['dv_disclosures']!.length).toBe(1);

    // The people the rows name exist on B: A's counsellors as disabled placeholders that cannot sign in,
    // and the volunteer inactive; the imported rows are in B's outbox, to be synced as B's changes.
    await readStore(b.dir, async (q) => {
      const counsellor = (await q(`SELECT * FROM users WHERE id = '${a.staff.counsellorA}'`))[0];
      expect(counsellor).toMatchObject({ disabled: 1, display_name: '用户counsellor.a', role: 'counsellor' });
      const volunteers = await q(`SELECT name, active FROM volunteers`);
      expect(volunteers).toEqual([{ name: '周志愿', active: 0 }]);
      for (const table of SYNCED_ARCHIVE_TABLES) {
        const pending = await q(
          `SELECT count(*) AS n FROM outbox WHERE table_name = '${table}' AND delivered_batch IS NULL`,
        );
        expect(Number(pending[0]!['n']), table).toBeGreaterThanOrEqual(after[table]!.length);
      }
      // Audited on both sides, with ids, counts and the file name only.
      const audit = await q(`SELECT action, target_id, detail FROM audit_log WHERE action LIKE '%import%'`);
      const caseIdsOf = (action: string) =>
        audit
          .filter((e) => e['action'] === action)
          .flatMap((e) => String((JSON.parse(String(e['detail'])) as { caseIds: string }).caseIds).split(','))
          .sort();
      expect(caseIdsOf('case.imported')).toEqual([...seeded.caseIds].sort());
      expect(audit.find((e) => e['action'] === 'archive.imported')?.['detail']).toContain(exported.fileName);
      for (const entry of audit)
        for (const s of [...SECRETS.names, SECRETS.notes]) expect(String(entry['detail'])).not.toContain(s);
    });
    expect(
      (await readStore(b.dir, (q) => q(`SELECT id FROM users WHERE id = '${a.staff.counsellorA}'`))).length,
    ).toBe(1);
    await readStore(a.dir, async (q) => {
      const audit = await q(`SELECT action, target_id, detail FROM audit_log WHERE action LIKE '%export%'`);
      const exportedIds = audit
        .filter((e) => e['action'] === 'case.exported')
        .flatMap((e) => String((JSON.parse(String(e['detail'])) as { caseIds: string }).caseIds).split(','))
        .sort();
      expect(exportedIds).toEqual([...seeded.caseIds].sort());
      const summary = audit.find((e) => e['action'] === 'archive.exported');
      expect(JSON.parse(String(summary?.['detail']))).toMatchObject({
        count: 3,
        kind: 'cases',
        summaryPdf: false,
      });
    });
  });

  it('writes the optional printable summary beside the archive, named without personal data', async () => {
    await signInAs(a.desk, 'director');
    const exported = await exportCases(a.desk, seeded.caseIds, true);
    expect(exported.summaryFileName).toMatch(/^案卷摘要-\d{4}-\d{2}-\d{2}-\d{6}\.pdf$/);
    expect(filesIn(a.stick)).toEqual([exported.fileName, exported.summaryFileName].sort());
    const pdf = readFileSync(join(a.stick, exported.summaryFileName!));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('leaves out the DV disclosures (and DV referrals) a companion may not see, and says so', async () => {
    await signInAs(a.desk, 'counsellorB');
    const selection = { kind: 'cases' as const, caseIds: [seeded.dvCaseId] };
    const preview = await a.desk.ok('archive.previewExport', { selection });
    expect(preview.dvDisclosureCount).toBe(0);
    expect(preview.referralCount).toBe(1);
    expect(preview.omitted).toEqual([
      { what: 'dvDisclosures', count: 1, reason: 'role' },
      { what: 'dvReferrals', count: 1, reason: 'role' },
    ]);
    await exportCases(a.desk, [seeded.dvCaseId]);

    b.setFolder(a.stick);
    await signInAs(b.desk, 'director');
    const { preview: incoming } = await importAll(b.desk);
    expect(incoming.omitted).toEqual(preview.omitted);
    expect(incoming.dvDisclosureCount).toBe(0);
    await b.desk.close();
    const rows = await caseWorld(b.dir, [seeded.dvCaseId]);
    expect(rows['dv_disclosures']).toEqual([]);
    expect(rows['referrals']!.map((r) => r['dv_disclosure_id'])).toEqual([null]);
  });

  it('a counsellor exports only cases they may see; a volunteer cannot export; import needs a director', async () => {
    await signInAs(a.desk, 'counsellorB');
    const other = await a.desk.ok('cases.create', {
      ...(await import('../support/case-fixture')).minimalIntake(),
    });
    await signInAs(a.desk, 'counsellorA');
    const refused = await a.desk.fails('archive.previewExport', {
      selection: { kind: 'cases', caseIds: [other.id] },
    });
    expect(refused.code).toBe('CASE_NOT_FOUND');
    const byFilter = await a.desk.ok('archive.previewExport', { selection: { kind: 'filter', filter: {} } });
    expect(byFilter.caseCount).toBe(3);
    expect((await a.desk.fails('archive.chooseImport', null)).code).toBe('FORBIDDEN');
    const byFamily = await a.desk.ok('archive.previewExport', {
      selection: { kind: 'family', familyId: seeded.familyId },
    });
    expect(byFamily).toMatchObject({ caseCount: 1, familyCount: 1, dvDisclosureCount: 1 });
  });
});
