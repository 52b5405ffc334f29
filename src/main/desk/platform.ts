/** The clock is the one edge tests may replace (idle lock, throttling delays, audit times). */
export interface Clock {
  now(): Date;
}

/**
 * What the composition root needs from its host. Electron main supplies dialogs and printing
 * (src/main/platform/); the browser harness and tests supply plain-Node versions.
 */
export type FolderPurpose = 'usb-export' | 'usb-import';

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
  /** Releases what printing holds (a headless browser). createApp's close() calls it last. */
  dispose(): Promise<void>;
}
