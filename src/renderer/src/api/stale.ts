import type { Channel } from '@shared/contract';

/** Reads that show a case's facts outside its own page: lists, search, the dashboard, and the audit log. */
const CASE_READS = ['cases.list', 'search.cases', 'dashboard.get', 'audit.list'] as const;
/** A write that changes what a case shows: its page (`cases.get`) and every read above. */
const CASE_CHANGED = ['cases.get', ...CASE_READS] as const;
/** A write to a family archive or its follow-ups: everything that shows families or visits. */
const FAMILY_CHANGED = [
  'families.list',
  'families.get',
  'followups.queue',
  'dashboard.get',
  'audit.list',
] as const;
/** A write to the roster. */
const VOLUNTEER_CHANGED = ['volunteers.list', 'volunteers.get', 'volunteers.accounts', 'audit.list'] as const;
/** A write to an event (and so to its speakers' service hours). */
const EVENT_CHANGED = ['events.list', 'events.get', 'volunteers.get', 'audit.list'] as const;

/**
 * Which cached reads each channel makes stale once it has run: the one place this is declared. The mutation
 * hooks (hooks.ts) read it, so no screen lists what to refresh. Total over the contract, so a new channel
 * does not compile until it says what it changes; reads (and calls that change no cached read) map to [].
 *
 * `cases.get` is special: each read of a case is audited ('case.viewed'), so it is refreshed only after a
 * write that succeeded, only for the case the write's answer names, and a write that answers with the case
 * puts that answer in the cache instead of reading it again (refresh.ts).
 *
 * Signing in, locking and signing out map to []: the shell re-reads the desk's phase (app.status) itself
 * after each of them, because what it shows next depends on the answer (app/Boot.tsx, app/session.ts).
 */
export const STALE_AFTER = {
  'app.status': [],
  'app.setLanguage': [],
  'setup.create': [],
  'auth.login': [],
  'auth.upgradeProgress': [],
  'auth.lock': [],
  'auth.logout': [],
  'auth.touch': [],
  // A temporary password replaced: the session's "must change password" flag is in the status.
  'auth.changePassword': ['app.status'],
  'auth.recover': [],
  'auth.confirmRecovery': [],
  'auth.regenerateRecovery': [],
  'users.list': [],
  'users.create': ['users.list', 'audit.list'],
  'users.setDisabled': ['users.list', 'audit.list'],
  'users.resetPassword': ['users.list', 'audit.list'],
  'settings.get': [],
  // The office's name and the idle-lock limit are in the status too.
  'settings.update': ['settings.get', 'app.status'],
  'audit.list': [],
  // Verifying the chain is itself written to the log.
  'audit.verify': ['audit.list'],
  'cases.create': CASE_CHANGED,
  'cases.get': [],
  'cases.update': CASE_CHANGED,
  'cases.list': [],
  'cases.recordConsent': CASE_CHANGED,
  'cases.transition': CASE_CHANGED,
  'cases.counsellors': [],
  'records.list': [],
  'records.get': [],
  // Autosave: the records list is kept current from each answer; nothing else shows a draft.
  'records.saveDraft': [],
  // A signed record's result becomes the case's result (and a family archive can then be opened).
  'records.sign': [...CASE_CHANGED, 'families.ofCase'],
  'records.addAddendum': ['audit.list'],
  'dv.list': [],
  // A disclosure sets the case's DV mark (contacts hidden in lists, the risk filter).
  'dv.create': CASE_CHANGED,
  'dv.update': CASE_CHANGED,
  'dv.recordMandatoryReport': ['cases.get', 'audit.list'],
  'referrals.list': [],
  'referrals.create': ['referrals.list', 'dashboard.get', 'audit.list'],
  'referrals.transition': ['referrals.list', 'dashboard.get', 'audit.list'],
  'referrals.letter': [],
  'supervision.list': [],
  // Assign and transfer change the counsellor in charge.
  'supervision.create': ['supervision.list', ...CASE_CHANGED],
  'supervision.complete': ['supervision.list', 'dashboard.get', 'audit.list'],
  'supervision.cancel': ['supervision.list', 'dashboard.get', 'audit.list'],
  'dashboard.get': [],
  'search.cases': [],
  'search.indexProgress': [],
  // Printing is audited.
  'print.recordPdf': ['audit.list'],
  'print.caseSummaryPdf': ['audit.list'],
  'print.referralLetterPdf': ['audit.list'],
  'calendar.get': [],
  // Holidays move every statutory deadline: every case, the list's deadlines and the dashboard.
  'calendar.update': ['calendar.get', 'cases.get', 'cases.list', 'dashboard.get', 'audit.list'],
  'sync.status': [],
  'sync.now': ['sync.status'],
  'sync.enrol': ['sync.status'],
  'sync.updateSettings': ['sync.status'],
  'sync.exportUsb': ['sync.status'],
  'sync.importReceipts': ['sync.status'],
  'backup.status': [],
  'backup.progress': [],
  'backup.now': ['backup.status', 'audit.list'],
  'backup.exportTo': ['backup.status', 'audit.list'],
  'backup.cancel': ['backup.status'],
  'backup.chooseFile': [],
  // The desk is signed out after a restore: the shell shows the sign-in screen.
  'backup.restore': ['app.status'],
  'backup.restoreAtSetup': ['app.status'],
  'families.list': [],
  'families.get': [],
  'families.ofCase': [],
  'families.openFromCase': [...FAMILY_CHANGED, 'families.ofCase'],
  'families.create': FAMILY_CHANGED,
  'families.update': FAMILY_CHANGED,
  'families.linkCase': [...FAMILY_CHANGED, 'families.ofCase'],
  'families.saveMember': FAMILY_CHANGED,
  'families.removeMember': FAMILY_CHANGED,
  'families.saveHelpLink': FAMILY_CHANGED,
  'families.removeHelpLink': FAMILY_CHANGED,
  // Closing cancels the open visits of its plans: the queue, the dashboard and the volunteers' counts.
  'families.close': [...FAMILY_CHANGED, 'volunteers.list', 'volunteers.get'],
  'families.reopen': FAMILY_CHANGED,
  'followups.queue': [],
  // Showing a packet is audited.
  'followups.packet': ['audit.list'],
  'followups.recordVisit': [...FAMILY_CHANGED, 'volunteers.list', 'volunteers.get'],
  'followups.createPlan': FAMILY_CHANGED,
  'followups.assign': [...FAMILY_CHANGED, 'volunteers.list', 'volunteers.get'],
  'followups.setPlanStatus': [...FAMILY_CHANGED, 'volunteers.list', 'volunteers.get'],
  'followups.acknowledgeConcern': FAMILY_CHANGED,
  'volunteers.list': [],
  'volunteers.get': [],
  'volunteers.accounts': [],
  'volunteers.create': VOLUNTEER_CHANGED,
  'volunteers.update': [...VOLUNTEER_CHANGED, 'families.get', 'followups.queue'],
  'volunteers.setActive': VOLUNTEER_CHANGED,
  'volunteers.remove': VOLUNTEER_CHANGED,
  'volunteers.addCertificate': VOLUNTEER_CHANGED,
  'volunteers.removeCertificate': VOLUNTEER_CHANGED,
  'volunteers.addTraining': VOLUNTEER_CHANGED,
  'volunteers.removeTraining': VOLUNTEER_CHANGED,
  'volunteers.addEvaluation': VOLUNTEER_CHANGED,
  'volunteers.removeEvaluation': VOLUNTEER_CHANGED,
  'events.list': [],
  'events.get': [],
  // A speaker's service hours come from the events they spoke at.
  'events.create': EVENT_CHANGED,
  'events.update': EVENT_CHANGED,
  'events.remove': EVENT_CHANGED,
  'print.visitPacketPdf': ['audit.list'],
  'print.eventSignInSheetPdf': ['audit.list'],
  'archive.previewExport': [],
  // Each export is audited; nothing else on the desk changes.
  'archive.export': ['audit.list'],
  // Each ledger export is audited; nothing else on the desk changes.
  'ledger.export': ['audit.list'],
  'archive.progress': [],
  'archive.cancel': [],
  'archive.chooseImport': [],
  'archive.readImport': [],
  // An import adds or replaces cases with their families and visits, and flags copies for review.
  // Replaced cases take the archive's records, addenda, DV disclosures, referrals and supervision items.
  'archive.applyImport': [
    ...CASE_CHANGED,
    ...FAMILY_CHANGED,
    'families.ofCase',
    'archive.reviews',
    'records.list',
    'records.get',
    'dv.list',
    'referrals.list',
    'supervision.list',
  ],
  'archive.discardImport': [],
  'archive.reviews': [],
  'archive.resolveReview': ['archive.reviews', 'audit.list'],
  // Statistics are read fresh on every visit (staleTime 0); a submitted report adds a snapshot.
  'statistics.get': [],
  'statistics.list': [],
  'statistics.submit': ['statistics.snapshots', 'audit.list'],
  'statistics.snapshots': [],
  'statistics.compareSnapshot': [],
  // The printed report is audited; nothing else changes.
  'print.statisticsReportPdf': ['audit.list'],
} as const satisfies { readonly [K in Channel]: readonly Channel[] };
