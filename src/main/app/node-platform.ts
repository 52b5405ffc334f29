import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHROMIUM, HeadlessPrinter } from '../../shared/documents';
import { FILE_EXTENSIONS, type Clock, type FilePurpose, type Platform } from '../desk';

/** The wall clock. Tests pass their own Clock instead (idle lock, login delays, audit times). */
export const systemClock: Clock = { now: () => new Date() };

export interface NodePlatformOptions {
  /** The Chromium used for printing; defaults to $COUNSELDESK_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
  /**
   * What chooseFolder answers (the harness cannot open a native dialog); defaults to
   * $COUNSELDESK_HARNESS_FOLDER, else chooseFolder answers null (cancelled). A function lets a test
   * change its answer between calls (e.g. a "stick" that was pulled).
   */
  folder?: string | (() => string | null);
  /**
   * What chooseFile answers; defaults to the newest file of the purpose's extension in the folder above
   * (so a test or the harness "picks" what was last written there), else null (cancelled).
   */
  file?: string | ((purpose: FilePurpose) => string | null);
}

/**
 * The plain-Node host used by the browser harness and by tests. Electron main builds its own Platform
 * in src/main/platform/ (dialogs, printing); nothing here touches Electron.
 */
export function nodePlatform(
  kind: 'harness' | 'test',
  clock: Clock = systemClock,
  options: NodePlatformOptions = {},
): Platform {
  const chosenFolder = (): string | null => {
    const folder = options.folder ?? process.env['COUNSELDESK_HARNESS_FOLDER'] ?? null;
    return typeof folder === 'function' ? folder() : folder;
  };
  const printer = new HeadlessPrinter(
    options.chromiumPath ?? process.env['COUNSELDESK_CHROMIUM'] ?? DEFAULT_CHROMIUM,
  );
  return {
    kind,
    clock,
    printToPdf: (html) => printer.print(html),
    chooseFolder: () => Promise.resolve(chosenFolder()),
    chooseFile: (purpose) => {
      const file = options.file;
      if (file !== undefined) return Promise.resolve(typeof file === 'function' ? file(purpose) : file);
      const folder = chosenFolder();
      return Promise.resolve(folder === null ? null : newestFile(folder, FILE_EXTENSIONS[purpose]));
    },
    dispose: () => printer.close(),
  };
}

/** The most recently modified regular file in `folder` ending in `extension`; null when there is none. */
function newestFile(folder: string, extension: string): string | null {
  let best: { path: string; mtimeMs: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  for (const name of names) {
    if (!name.endsWith(extension)) continue;
    const path = join(folder, name);
    try {
      const stat = statSync(path);
      if (stat.isFile() && (!best || stat.mtimeMs > best.mtimeMs)) best = { path, mtimeMs: stat.mtimeMs };
    } catch {
      // Gone since the listing: not a candidate.
    }
  }
  return best?.path ?? null;
}
