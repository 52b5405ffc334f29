/** The clock is the one edge tests may replace (idle lock, throttling delays, audit times). */
export interface Clock {
  now(): Date;
}

/**
 * What the composition root needs from its host. Electron main supplies dialogs and printing
 * (src/main/platform/); the browser harness and tests supply plain-Node versions.
 */
export type FolderPurpose =
  'usb-export' | 'usb-import' | 'archive-export' | 'backup-export' | 'ledger-export';

/** What a file is chosen for; each purpose has its own extension (FILE_EXTENSIONS). */
export type FilePurpose = 'archive-import' | 'backup-restore';

/** The extension of the files each FilePurpose opens: case archives and desk backups (docs/archive-format.md). */
export const FILE_EXTENSIONS: Readonly<Record<FilePurpose, string>> = {
  'archive-import': '.cdar',
  'backup-restore': '.cdbk',
};

export interface Platform {
  readonly kind: 'electron' | 'harness' | 'test';
  readonly clock: Clock;
  /**
   * Renders one self-contained HTML document (inline CSS, no scripts, no network) to a PDF; the page
   * size and margins come from the document's CSS `@page` rule (A4). Electron: a hidden sandboxed
   * window's printToPDF; harness and tests: headless Chromium through playwright-core.
   */
  printToPdf(html: string): Promise<Buffer>;
  /**
   * Asks the user for a folder (the USB stick for the sync courier); null when they cancel. Electron: the
   * native folder dialog. Harness and tests: the folder given at start (NodePlatformOptions.folder or
   * $COUNSELDESK_HARNESS_FOLDER) — a browser page cannot show a native dialog — else null.
   */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>;
  /**
   * Asks the user for one existing file of the purpose's extension (a case archive to import, a backup to
   * restore); null when they cancel. Electron: the native open dialog filtered by extension. Harness and
   * tests: the newest such file in the folder chooseFolder would answer (a browser page cannot show a
   * native dialog), else null.
   */
  chooseFile(purpose: FilePurpose): Promise<string | null>;
  /** Releases what printing holds (a headless browser). createApp's close() calls it last. */
  dispose(): Promise<void>;
}
