// Case archives (issue 11): the desk's one archive job at a time, what a lock does to an import in
// progress or waiting for its confirmation, and an export whose store changes while it is written.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform } from '../../src/main/app/node-platform';
import { ContentReader, type ArchiveContent } from '../../src/main/archive/encoding';
import { keyFromPassphrase, readSealedContent, readSealedHeader } from '../../src/main/desk';
import {
  archiveDesk,
  exportCases,
  filesIn,
  PASSPHRASE,
  SECRETS,
  seedCases,
  type ArchiveDesk,
} from '../support/archive-fixture';
import { addStaff, minimalIntake, PASSWORDS, signInAs } from '../support/case-fixture';
import { Desk, FakeClock, SETUP_INPUT } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

/** A desk whose folder dialog stays open until the test closes it (answering the desk's stick). */
interface GatedDesk extends ArchiveDesk {
  /** The next folder dialog waits for `release()`. */
  holdDialog(): void;
  release(): void;
}

async function gatedDesk(): Promise<GatedDesk> {
  const tmp = tempDir('counseldesk-archive-jobs-');
  const dir = join(tmp.dir, 'desk');
  const stick = join(tmp.dir, 'stick');
  mkdirSync(stick);
  const clock = new FakeClock();
  const platform = nodePlatform('test', clock, { folder: () => stick });
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  const chooseFolder = platform.chooseFolder.bind(platform);
  platform.chooseFolder = async (purpose) => {
    if (gate) await gate;
    return chooseFolder(purpose);
  };
  const app = await createApp(dir, platform);
  // Desk's constructor is private to keep tests on Desk.open; this one needs its own platform.
  const desk = Reflect.construct(Desk, [app, dir, clock]) as Desk;
  await desk.ok('setup.create', SETUP_INPUT);
  const staff = await addStaff(desk);
  return {
    desk,
    staff,
    dir,
    stick,
    setFolder: () => undefined,
    holdDialog: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => {
      open?.();
      gate = null;
    },
    cleanup: async () => {
      open?.();
      await desk.close().catch(() => undefined);
      tmp.cleanup();
    },
  };
}

async function jobNow(desk: Desk) {
  return (await desk.ok('archive.progress', null)).job;
}

async function waitForJob(desk: Desk, kind: 'export' | 'import'): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await jobNow(desk))?.kind === kind) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no ${kind} job started`);
}

/** Every regular file below `dir`. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) out.push(...filesBelow(path));
    else if (s.isFile()) out.push(path);
  }
  return out;
}

/** The files below the folders that hold any of the seeded cases' personal texts in clear (UTF-8). */
function plaintextIn(...dirs: string[]): string[] {
  const needles = [...SECRETS.names, SECRETS.idNumber, SECRETS.notes, SECRETS.addendum, SECRETS.dvFacts].map(
    (s) => Buffer.from(s),
  );
  return dirs
    .flatMap((d) => filesBelow(d))
    .filter((f) => {
      const bytes = readFileSync(f);
      return needles.some((n) => bytes.includes(n));
    });
}

/** An archive file decrypted and read as the importer reads it (counts checked against the manifest). */
async function readArchive(path: string): Promise<ArchiveContent> {
  const key = await keyFromPassphrase(await readSealedHeader(path, 'case-archive'), PASSPHRASE);
  const reader = new ContentReader();
  for await (const chunk of readSealedContent(path, key)) reader.push(chunk);
  return reader.finish();
}

describe('one archive job at a time', () => {
  let d: GatedDesk;
  beforeEach(async () => {
    d = await gatedDesk();
  }, 30_000);
  afterEach(() => d.cleanup());

  it('a second export while one runs: ARCHIVE_BUSY, nothing written for it; the first one finishes', async () => {
    const seeded = await seedCases(d);
    d.holdDialog();
    const first = exportCases(d.desk, seeded.caseIds);
    await waitForJob(d.desk, 'export');
    expect(await jobNow(d.desk)).toMatchObject({ kind: 'export', phase: 'collecting' });

    const busy = await d.desk.fails('archive.export', {
      selection: { kind: 'cases', caseIds: [seeded.caseIds[2]!] },
      passphrase: PASSPHRASE,
      passphraseConfirm: PASSPHRASE,
      summaryPdf: false,
    });
    expect(busy.code).toBe('ARCHIVE_BUSY');
    // The preview is no job: it still answers.
    expect(
      (await d.desk.ok('archive.previewExport', { selection: { kind: 'cases', caseIds: seeded.caseIds } }))
        .caseCount,
    ).toBe(3);
    expect(filesIn(d.stick)).toEqual([]);

    d.release();
    const done = await first;
    expect(done).toMatchObject({ cancelled: false, caseCount: 3 });
    expect(filesIn(d.stick)).toEqual([done.fileName]);
    expect(await jobNow(d.desk)).toBeNull();
    // The slot is free again.
    d.desk.clock.advanceSeconds(2);
    expect((await exportCases(d.desk, [seeded.caseIds[2]!])).caseCount).toBe(1);
    expect(filesIn(d.stick)).toHaveLength(2);
  });

  it('archive.cancel while the folder dialog is open: cancelled, nothing written, the slot free', async () => {
    const seeded = await seedCases(d);
    d.holdDialog();
    const first = exportCases(d.desk, seeded.caseIds);
    await waitForJob(d.desk, 'export');
    await d.desk.ok('archive.cancel', null);
    d.release();
    expect(await first).toMatchObject({ cancelled: true, fileName: null });
    expect(filesIn(d.stick)).toEqual([]);
    expect(await jobNow(d.desk)).toBeNull();
  });
});

describe('a lock forgets the import: nothing applied, nothing decrypted left on disk', () => {
  let a: ArchiveDesk;
  let b: ArchiveDesk;
  beforeEach(async () => {
    a = await archiveDesk();
    const seeded = await seedCases(a);
    await exportCases(a.desk, seeded.caseIds);
    b = await archiveDesk();
    b.setFolder(a.stick);
    await signInAs(b.desk, 'director');
  }, 60_000);
  afterEach(async () => {
    await a.cleanup();
    await b.cleanup();
  });

  async function expectForgotten(): Promise<void> {
    // Locked: every archive call answers LOCKED.
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [] })).code).toBe('LOCKED');
    await b.desk.ok('auth.login', { username: 'director', password: PASSWORDS.director });
    // Signed in again: the read content is gone, and so is the chosen file.
    expect((await b.desk.fails('archive.applyImport', { replaceCaseIds: [] })).code).toBe('ARCHIVE_NOT_READ');
    expect((await b.desk.fails('archive.readImport', { passphrase: PASSPHRASE })).code).toBe(
      'ARCHIVE_NO_IMPORT_CHOSEN',
    );
    expect((await b.desk.ok('cases.list', {})).total).toBe(0);
    expect(await jobNow(b.desk)).toBeNull();
    // Nothing of the archive's content in clear anywhere in B's data directory or on the stick.
    expect(plaintextIn(b.dir, a.stick, a.dir)).toEqual([]);
  }

  it.each(['auth.lock', 'idle lock'] as const)(
    'read and waiting for the confirmation, then %s: the pending import is forgotten',
    async (how) => {
      await b.desk.ok('archive.chooseImport', null);
      const preview = await b.desk.ok('archive.readImport', { passphrase: PASSPHRASE });
      expect(preview.cases).toHaveLength(3);
      if (how === 'auth.lock') {
        await b.desk.ok('auth.lock', null);
      } else {
        b.desk.clock.advanceMinutes(11);
        expect((await b.desk.fails('archive.progress', null)).code).toBe('LOCKED');
      }
      expect((await b.desk.ok('app.status', null)).phase).toBe('locked');
      await expectForgotten();
    },
  );

  it('a lock while readImport runs: the read stops (ARCHIVE_CANCELLED) and is forgotten', async () => {
    await b.desk.ok('archive.chooseImport', null);
    const reading = b.desk.call('archive.readImport', { passphrase: PASSPHRASE });
    await waitForJob(b.desk, 'import');
    await b.desk.ok('auth.lock', null);
    const read = await reading;
    expect(read.ok ? 'ok' : read.error.code).toBe('ARCHIVE_CANCELLED');
    await expectForgotten();
  });
});

describe('an export whose store changes between counting and writing', () => {
  let d: ArchiveDesk;
  beforeEach(async () => {
    d = await archiveDesk();
  }, 30_000);
  afterEach(() => d.cleanup());

  it('starts the write again: the manifest counts the rows the file holds, the late change included', async () => {
    // Two chunks of cases (CASE_CHUNK = 400): the write reads the second chunk well after counting it.
    const ids: string[] = [];
    for (let i = 0; i < 420; i++) {
      const created = await d.desk.ok(
        'cases.create',
        minimalIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: `SL-2026-${1000 + i}` } }),
      );
      ids.push(created.id);
    }
    const last = ids[ids.length - 1]!;

    // Once the counting is done (phase 'writing'), a colleague adds a referral to the last case. Until
    // that change lands between the count and the write's read of the last chunk, try again (a change
    // landing after the read is simply not in the file, and the manifest agrees).
    let provoked = false;
    for (let attempt = 1; attempt <= 5 && !provoked; attempt++) {
      d.desk.clock.advanceSeconds(2);
      const exporting = exportCases(d.desk, ids);
      // The passphrase's scrypt and the count take a while on a busy machine: poll until the write begins.
      let phase: string | undefined;
      const deadline = Date.now() + 60_000;
      while (phase !== 'writing' && Date.now() < deadline) {
        // A turn of the event loop between polls (the export waits on I/O and the thread pool).
        await new Promise((r) => setImmediate(r));
        phase = (await jobNow(d.desk))?.phase;
      }
      expect(phase).toBe('writing');
      const reason = `第 ${attempt} 次导出时的转介`;
      await d.desk.ok('referrals.create', {
        caseId: last,
        target: 'legal_aid',
        reason,
        consentGiven: true,
        expectedReplyDate: '2026-03-16',
      });
      const done = await exporting;

      const content = await readArchive(join(d.stick, done.fileName!));
      // The manifest's counts are those of the rows the file holds (ContentReader.finish checks every table).
      expect(content.manifest.counts.referrals).toBe(content.rows.referrals.length);
      expect(content.manifest.counts.cases).toBe(420);
      const inFile = content.rows.referrals.filter((r) => r.case_id === last);
      if (inFile.some((r) => r.reason === reason)) {
        // Counted before the change, yet holding it: the write started again and counted afresh.
        provoked = true;
        expect(content.manifest.counts.referrals).toBe(attempt);
      } else {
        // The change came after the write read the case: not in the file, nor in the counts.
        expect(content.manifest.counts.referrals).toBe(attempt - 1);
      }
    }
    expect(provoked).toBe(true);
  }, 120_000);
});
