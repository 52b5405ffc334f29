import {
  EnrolInputSchema,
  SyncSettingsSchema,
  SyncStatusSchema,
  UsbExportResultSchema,
  UsbImportResultSchema,
} from './status';
import { channel, NoInput, type ChannelSpec } from '../ipc';

/**
 * 'sync.*' channels (docs/architecture.md "Sync on the desk"). All network and file I/O happens in main; the
 * renderer only asks and shows.
 * - status: what the 同步 page and the sidebar indicator show (cheap; polled).
 * - now: one sync run (send sealed batches, seal and send the rest, apply receipts); resolves with the
 *   status afterwards. A failed attempt is not an error of the call: it is in status.lastError. Only
 *   SYNC_NOT_ENROLLED is thrown.
 * - enrol: pastes the county's one-time code → SYNC_ENROLMENT_CODE_INVALID (not a code),
 *   SYNC_ALREADY_ENROLLED, SYNC_ENROLMENT_REFUSED (used, expired, unknown), SYNC_UNREACHABLE,
 *   SYNC_CERTIFICATE_MISMATCH. Pins the county keys and the TLS certificate. (A desk clock that is off is
 *   a warning, status.clockSkewMinutes, never a failure.)
 * The network and USB channels run outside the dispatcher's queue (outsideQueue): a slow county or stick
 * never holds the rest of the desk; the sync service serializes them itself and a lock waits for it.
 * - exportUsb / importReceipts: main asks for a folder with the platform's dialog (cancelled → nothing
 *   written); SYNC_FOLDER_UNAVAILABLE when it cannot be written/read (stick pulled).
 */
export const syncContract = {
  // Polled by the sidebar badge and the 同步 page: not user activity (the idle lock must still fire).
  'sync.status': channel({ input: NoInput, output: SyncStatusSchema, access: 'session', activity: 'poll' }),
  'sync.now': channel({ input: NoInput, output: SyncStatusSchema, access: 'session', outsideQueue: true }),
  'sync.enrol': channel({
    input: EnrolInputSchema,
    output: SyncStatusSchema,
    access: 'settings.manage',
    outsideQueue: true,
  }),
  'sync.updateSettings': channel({
    input: SyncSettingsSchema,
    output: SyncStatusSchema,
    access: 'settings.manage',
  }),
  'sync.exportUsb': channel({
    input: NoInput,
    output: UsbExportResultSchema,
    access: 'session',
    outsideQueue: true,
  }),
  'sync.importReceipts': channel({
    input: NoInput,
    output: UsbImportResultSchema,
    access: 'session',
    outsideQueue: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
