/*
 * What an audit entry's detail may carry (docs/architecture.md "Audit log"). The log is read by the admin,
 * who must never learn a client's sensitive facts from it: an entry names who did what to which row, with
 * ids, counts, office reference numbers and codes — never a DV risk level, a minors flag, a counselling or
 * case result, a safety concern, a referral's target, search text, a name or any free text.
 *
 * Enforced in two places: the TypeScript type of `detail` only has the keys below (an unknown key in an
 * object literal is a compile error), and appendAudit checks every key and the shape of every value at run
 * time (a key built at run time, or a value of the wrong kind, throws: the write rolls back, a bug shows).
 * A key is added here only when no value it can take is a personal or sensitive fact about a client.
 */

/** What kind of value a key holds; each kind has a strict shape (see VALUE_CHECKS). */
type DetailKind = 'id' | 'ref' | 'code' | 'count' | 'number' | 'flag' | 'date' | 'fingerprint';

export const AUDIT_DETAIL_KEYS = {
  // Ids of rows (UUIDv7), device ids.
  caseId: 'id',
  recordId: 'id',
  familyId: 'id',
  planId: 'id',
  visitId: 'id',
  nextVisitId: 'id',
  memberId: 'id',
  linkId: 'id',
  volunteerId: 'id',
  previousVolunteerId: 'id',
  userId: 'id',
  toUserId: 'id',
  fromCounsellorId: 'id',
  certificateId: 'id',
  trainingId: 'id',
  evaluationId: 'id',
  reviewId: 'id',
  otherCaseId: 'id',
  // Office-issued reference numbers (case, referral letter, family archive): no personal content.
  caseNumber: 'ref',
  referenceNumber: 'ref',
  archiveNumber: 'ref',
  /** A case archive's file name: the export's own pattern (案卷-{local date and time}.cdar), no personal data. */
  fileName: 'ref',
  // Codes: an action's kind, a workflow status, a reason, a list of field or setting NAMES (never values).
  reason: 'code',
  role: 'code',
  kind: 'code',
  type: 'code',
  from: 'code',
  to: 'code',
  status: 'code',
  method: 'code',
  consentedBy: 'code',
  level: 'code',
  language: 'code',
  source: 'code',
  profession: 'code',
  keys: 'code',
  fields: 'code',
  changed: 'code',
  years: 'code',
  /** Case ids, comma-separated (at most 100): the cases a case archive carried out or in. */
  caseIds: 'code',
  /** Which list was read (case list, search, referrals): list-read auditing. */
  list: 'code',
  /** The NAMES of the filters a list read used (never their values: search text may be a name). */
  filters: 'code',
  // Counts and plain numbers.
  count: 'count',
  members: 'count',
  plansClosed: 'count',
  recomputedCases: 'count',
  attendeeCount: 'count',
  speakers: 'count',
  volunteerSpeakers: 'count',
  rows: 'count',
  total: 'count',
  fileCount: 'count',
  changeCount: 'count',
  epoch: 'count',
  previousEpoch: 'count',
  discardedBatches: 'count',
  seq: 'count',
  firstBrokenSeq: 'count',
  omitted: 'count',
  addedCount: 'count',
  replacedCount: 'count',
  keptBothCount: 'count',
  unchangedCount: 'count',
  hours: 'number',
  intervalMinutes: 'number',
  // Flags about the office's own action (never about the client).
  created: 'flag',
  added: 'flag',
  signed: 'flag',
  filing: 'flag',
  consent: 'flag',
  intact: 'flag',
  corrected: 'flag',
  automatic: 'flag',
  plan: 'flag',
  planClosed: 'flag',
  toStation: 'flag',
  counsellorChanged: 'flag',
  withoutConsent: 'flag',
  qualified: 'flag',
  pledgeSigned: 'flag',
  autoSync: 'flag',
  cancelled: 'flag',
  summaryPdf: 'flag',
  // Office-local dates of the action (not of the client's life).
  date: 'date',
  dueDate: 'date',
  consentedAt: 'date',
  // Key fingerprints (hex SHA-256 of public keys, certificates).
  countyFingerprint: 'fingerprint',
  receiptFingerprint: 'fingerprint',
  tlsFingerprint: 'fingerprint',
} as const satisfies Record<string, DetailKind>;

export type AuditDetailKey = keyof typeof AUDIT_DETAIL_KEYS;

interface KindValue {
  id: string | null;
  ref: string | null;
  code: string | null;
  count: number;
  number: number;
  flag: boolean;
  date: string | null;
  fingerprint: string;
}

/** An audit entry's detail as callers write it: only allowed keys; undefined values are left out. */
export type AuditDetailInput = {
  readonly [K in AuditDetailKey]?: KindValue[(typeof AUDIT_DETAIL_KEYS)[K]] | undefined;
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Long enough for a list of every column of a case and its parties (case.updated).
const CODE = /^[A-Za-z0-9_.,:-]{0,4000}$/;
const REF = /^[\p{L}\p{N}_\-/.#()〔〕（）]{1,64}$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FINGERPRINT = /^[0-9a-f]{16,128}$/;

const VALUE_CHECKS: Record<DetailKind, (v: unknown) => boolean> = {
  id: (v) => v === null || (typeof v === 'string' && ID.test(v)),
  ref: (v) => v === null || (typeof v === 'string' && REF.test(v)),
  code: (v) => v === null || (typeof v === 'string' && CODE.test(v)),
  count: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  flag: (v) => typeof v === 'boolean',
  date: (v) => v === null || (typeof v === 'string' && DATE.test(v)),
  fingerprint: (v) => typeof v === 'string' && FINGERPRINT.test(v),
};

/** A detail that breaks the allow-list: a bug in the caller (never shown to the user, never its value). */
export class AuditDetailRejected extends TypeError {
  override readonly name = 'AuditDetailRejected';
}

/**
 * Checks every key against the allow-list and every value against its kind; returns the entries to store
 * (undefined values dropped). The error names the key only — never the value, which may be the very thing
 * that must not be written down.
 */
export function checkAuditDetail(detail: AuditDetailInput): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(detail) as [string, unknown][]) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(AUDIT_DETAIL_KEYS, key)) {
      throw new AuditDetailRejected(`audit detail: key not allowed: ${key}`);
    }
    const kind: DetailKind = AUDIT_DETAIL_KEYS[key as AuditDetailKey];
    if (!VALUE_CHECKS[kind](value)) throw new AuditDetailRejected(`audit detail: ${key} is not a ${kind}`);
    out[key] = value as string | number | boolean | null;
  }
  return out;
}
