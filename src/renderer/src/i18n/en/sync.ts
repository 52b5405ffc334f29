import { enLabels } from '../labels';
import type { Messages } from '../zh-CN';

/** English: sync with the county (the 同步 page and its settings card); keys mirror zh-CN/sync.ts. */
export const syncEn: Pick<Messages, 'sync' | 'syncSettings'> = {
  sync: {
    title: 'Sync',
    intro:
      "This desk's records go to the county centre encrypted; nobody can read them on the way. They are kept safe on this desk first and sent when the network is back; without a network, a USB stick can carry them.",
    statusSection: 'Sync status',
    enrolment: 'Enrolment',
    enrolledAs: 'Enrolled: {{station}}',
    notEnrolled: 'Not enrolled',
    notEnrolledAdmin:
      'This desk is not enrolled with the county server yet; records are kept safe on this desk. Enter the enrolment code from the county to enrol.',
    notEnrolledOther:
      'This desk is not enrolled with the county server yet; records are kept safe on this desk. Ask an administrator to enrol it under Settings → Sync.',
    goToSettings: 'Go to Settings → Sync to enrol',
    pending: 'Changes waiting',
    pendingCount: '{{count, number}}',
    sealedNote: "{{count}} batch(es) sealed, waiting for the county's receipt",
    lastSuccess: 'Last successful sync',
    never: 'Never',
    nextAttempt: 'Next automatic sync',
    autoOff: 'Automatic sync is off',
    notScheduled: 'Not scheduled',
    lastError: 'Last error',
    noError: 'None',
    errorAt: 'Sync failed at {{time}}',
    clockSkew: 'Clock',
    clockAhead:
      "This desk's clock is about {{amount}} ahead of the county server's. Sync goes on, but the times this desk records will be wrong: please correct the computer's date and time.",
    clockBehind:
      "This desk's clock is about {{amount}} behind the county server's. Sync goes on, but the times this desk records will be wrong: please correct the computer's date and time.",
    skewDays: '{{count}} day(s)',
    skewHours: '{{count}} hour(s)',
    skewMinutes: '{{count}} minute(s)',
    running: 'Syncing…',
    syncNow: 'Sync now',
    syncDone: 'Sync finished; the changes reached the county server.',
    syncFailed: 'This sync did not succeed; see "Last error". The data is still safe on this desk.',
    usbSection: 'USB courier (no network)',
    usbIntro:
      'Export the waiting batches to a USB stick and take it to the county centre; the county writes the receipts back into the same folder. Back here, choose "Import receipts" and those batches count as delivered. The files are encrypted: a lost stick reveals nothing.',
    exportUsb: 'Export to USB',
    importReceipts: 'Import receipts',
    exported:
      'Wrote {{files}} batch file(s) ({{changes}} changes) to the chosen folder. Take the stick to the county centre.',
    exportedNothing: 'Nothing to export: every change has been delivered.',
    imported: 'Imported {{applied}} receipt(s); their batches are now delivered.',
    importedNone: 'No new receipts in the chosen folder.',
    importedAlready: '{{count}} receipt(s) had been imported before.',
    importedRejected:
      '{{count}} receipt file(s) did not verify or belong to another desk and were ignored (left in place).',
    importedRefused:
      '{{count}} item(s) ending in .cdsr are not ordinary files or are far too large for a receipt (a pipe, a device or a tampered file); they were not read and were skipped.',
    cancelled: 'Cancelled; no file was read or written.',
    dismissOutcome: 'Dismiss this message',
    historySection: 'Batches',
    historyIntro:
      "The latest 50 batches. A batch counts as delivered only once the county's signed receipt is back.",
    colBatch: 'Batch',
    colChanges: 'Changes',
    colSize: 'Size',
    colCreated: 'Sealed at',
    colStatus: 'Status',
    colDelivered: 'Delivered at',
    delivered: enLabels.syncBatchStatuses.delivered,
    sealed: enLabels.syncBatchStatuses.sealed,
    historyEmpty: 'No batch has been sealed yet.',
    badgePending: 'Sync: {{count, number}} changes waiting',
    badgeError: 'Sync failed',
  },
  syncSettings: {
    title: 'Sync',
    enrolIntro:
      'Ask the county centre for this desk\'s one-time enrolment code, paste all of it below (it starts with CDENROL1.) and choose "Enrol". A code works only once.',
    code: 'Enrolment code',
    codePlaceholder: 'CDENROL1.…',
    enrol: 'Enrol',
    enrolled: 'Enrolled. Now call the county centre and compare the three fingerprints below.',
    station: 'Station',
    serverUrl: 'County server address',
    deviceId: 'Device ID',
    enrolledAt: 'Enrolled at',
    fingerprints: 'Compare the fingerprints by phone',
    fingerprintsIntro:
      'Call the county centre and read out the fingerprints below group by group; they must match what the county sees. If any group differs, do not sync and tell the county at once.',
    tlsFingerprint: 'County server certificate fingerprint',
    countyFingerprint: 'County data encryption key fingerprint',
    receiptFingerprint: 'County receipt signing key fingerprint',
    autoSync: 'Automatic sync',
    autoSyncHelp:
      'While the desk is unlocked and the county server can be reached, sync at the interval below.',
    interval: 'Sync interval (minutes)',
    intervalHelp:
      'How long after a successful sync to sync again (1–1440 minutes). After a failure it retries sooner.',
    intervalRange: 'Enter a whole number from 1 to 1440',
    save: 'Save sync settings',
    saved: 'Sync settings saved',
  },
};
