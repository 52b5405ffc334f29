import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE, KEYRING_FILE, readJsonFile, writeJsonFile } from '../desk';

/*
 * Putting a restored store in place, crash-safe (docs/architecture.md "Backups"). The restored desk.db
 * and keyring.json wait, complete and verified, in restore-staging/. Then:
 *   1. restore-marker.json {"state":"swapping"} is written (atomically);
 *   2. the current desk.db (with any -wal, -shm, -journal) and keyring.json move to before-restore/, the
 *      staged files move in (renames within the data directory);
 *   3. the marker says "swapped"; the restored store is opened in place with the key the user's password
 *      (or the recovery code) yielded; if it does not open, everything moves back (rollBack);
 *   4. before-restore/, restore-staging/ and the marker are removed.
 * A crash in step 2 is finished at the next start (settleInterruptedRestore rolls forward: the staged
 * files were complete before the marker existed). A crash after step 2 leaves "swapped": the aside copy
 * stays until the restored store has opened with a user's password at the next sign-in (finishRestore).
 * The marker holds a state word only.
 */

export const RESTORE_MARKER = 'restore-marker.json';
export const RESTORE_STAGING = 'restore-staging';
export const BEFORE_RESTORE = 'before-restore';

/** What moves aside (whatever of it exists) and what moves in. */
const CURRENT_FILES = [
  DATABASE_FILE,
  `${DATABASE_FILE}-wal`,
  `${DATABASE_FILE}-shm`,
  `${DATABASE_FILE}-journal`,
  KEYRING_FILE,
];
const RESTORED_FILES = [DATABASE_FILE, KEYRING_FILE];

const MarkerSchema = z.strictObject({ state: z.enum(['swapping', 'swapped']) });
type MarkerState = z.infer<typeof MarkerSchema>['state'];

function readMarker(dataDir: string): MarkerState | null {
  const read = readJsonFile(join(dataDir, RESTORE_MARKER), MarkerSchema);
  return read.kind === 'ok' ? read.value.state : null;
}

function writeMarker(dataDir: string, state: MarkerState): void {
  writeJsonFile(join(dataDir, RESTORE_MARKER), { state });
}

/** Step 2 from wherever it stopped: the current files aside (if not yet), the staged ones in. */
function moveFiles(dataDir: string): void {
  const staging = join(dataDir, RESTORE_STAGING);
  const aside = join(dataDir, BEFORE_RESTORE);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  const staged = (name: string) => existsSync(join(staging, name));
  for (const name of CURRENT_FILES) {
    const here = join(dataDir, name);
    if (!existsSync(here)) continue;
    // A restored file already moved in (staging no longer has it) stays; the current one goes aside once.
    if (RESTORED_FILES.includes(name) && !staged(name)) continue;
    if (existsSync(join(aside, name))) rmSync(here, { force: true });
    else renameSync(here, join(aside, name));
  }
  for (const name of RESTORED_FILES) {
    if (staged(name)) renameSync(join(staging, name), join(dataDir, name));
  }
}

/** Steps 1–2 (and the "swapped" mark): the restored files are in place, the current ones aside. */
export function swapInRestored(dataDir: string): void {
  writeMarker(dataDir, 'swapping');
  moveFiles(dataDir);
  writeMarker(dataDir, 'swapped');
}

/** The restored store would not open in place: the current files come back, the restored ones go. */
export function rollBack(dataDir: string): void {
  const aside = join(dataDir, BEFORE_RESTORE);
  for (const name of CURRENT_FILES) {
    const kept = join(aside, name);
    const here = join(dataDir, name);
    // What the restored store left (its own -wal, or a keyring where there was none before) goes too.
    if (existsSync(kept)) renameSync(kept, here);
    else rmSync(here, { force: true });
  }
  cleanUp(dataDir);
}

/** Step 4: the restored store opened; the aside copy and the staging area go. */
export function finishRestore(dataDir: string): void {
  if (!existsSync(join(dataDir, RESTORE_MARKER))) return;
  cleanUp(dataDir);
}

function cleanUp(dataDir: string): void {
  rmSync(join(dataDir, BEFORE_RESTORE), { recursive: true, force: true });
  rmSync(join(dataDir, RESTORE_STAGING), { recursive: true, force: true });
  rmSync(join(dataDir, RESTORE_MARKER), { force: true });
}

/** Whether a restore waits for its first sign-in (its aside copy is still kept). */
export function restoreAwaitingSignIn(dataDir: string): boolean {
  return readMarker(dataDir) === 'swapped';
}

/**
 * At start, before anything reads the keyring or the store: finishes a swap a crash interrupted (rolls
 * forward), or drops a staging area no swap had started from. Returns what it did.
 */
export function settleInterruptedRestore(dataDir: string): 'none' | 'rolled-forward' | 'awaiting-sign-in' {
  const state = readMarker(dataDir);
  if (state === null) {
    rmSync(join(dataDir, RESTORE_STAGING), { recursive: true, force: true });
    return 'none';
  }
  if (state === 'swapped') return 'awaiting-sign-in';
  moveFiles(dataDir);
  writeMarker(dataDir, 'swapped');
  return 'rolled-forward';
}
