import type { DeskApi } from '@shared/contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or injected by the browser harness; the renderer's only way out. */
    readonly api: DeskApi;
  }
}
