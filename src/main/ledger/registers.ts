import { localDateAt } from '../../shared/calendar';
import { AWAITING_REPLY_STATUSES } from '../../shared/referrals';
import { maskResidentId } from '../../shared/rules';
import type { Db } from '../db';
import { ZH } from '../desk';
import { displayNames } from '../users';
import {
  ledgerCases,
  ledgerEvents,
  ledgerRecords,
  ledgerReferrals,
  ledgerVisits,
  ledgerVolunteers,
  volunteerEventsInPeriod,
  volunteerSessionsInPeriod,
  volunteerVisitsInPeriod,
  type LedgerScope,
} from './ledger.repository';
import { asDate, type LedgerCell, type LedgerSheetData } from '../../shared/documents';

/*
 * The register sheets (案件登记, 辅导记录, 转介, 回访, 活动, 志愿者) from the store, in the column order of
 * LEDGER_COLUMNS (src/shared/ledger/columns.ts). Enum values are worded by the label catalogue in Chinese;
 * document numbers are masked as in every list (maskResidentId).
 */

type Row = LedgerCell[];
const yesNo = (v: boolean): string => (v ? ZH.ledgerYesNo.yes : ZH.ledgerYesNo.no);
const label = <T extends string>(labels: Readonly<Record<T, string>>, v: T | null): string | null =>
  v === null ? null : labels[v];
const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export interface Registers {
  cases: Row[];
  records: Row[];
  referrals: Row[];
  visits: Row[];
  events: Row[];
  volunteers: Row[];
  /** What appendix B counts of the records (channel and satisfaction codes, 'none' when not given). */
}

async function caseRows(db: Db, s: LedgerScope): Promise<Row[]> {
  const rows = await ledgerCases(db, s).execute();
  return rows.map((r) => [
    r.case_number,
    ZH.caseTypes[r.type],
    asDate(r.received_date),
    asDate(r.filing_received_date),
    label(ZH.registrationStatuses, r.registration_status),
    asDate(r.withdrawal_date),
    asDate(r.registered_date),
    label(ZH.results, r.result),
    asDate(r.first_session),
    Number(r.signed_records ?? 0),
    r.counsellor_name ?? null,
    r.companion_user_name ?? r.companion_name ?? null,
    r.a_name,
    r.a_document ? maskResidentId(r.a_document) : null,
    r.b_name,
    r.b_document ? maskResidentId(r.b_document) : null,
  ]);
}

async function recordRows(db: Db, s: LedgerScope): Promise<Pick<Registers, 'records'>> {
  const rows = await ledgerRecords(db, s).execute();
  const counsellors = rows.map((r) => parseList(r.counsellor_ids));
  const names = await displayNames(db, counsellors.flat());
  return {
    records: rows.map((r, i) => [
      asDate(r.session_date),
      label(ZH.halfDays, r.half_day),
      label(ZH.channels, r.channel),
      r.case_number,
      ZH.caseTypes[r.type],
      (counsellors[i] ?? []).map((id) => names.get(id) ?? '').join('、'),
      parseList(r.volunteer_names).join('、') || null,
      label(ZH.results, r.result),
      label(ZH.satisfaction, r.satisfaction),
    ]),
  };
}

async function referralRows(db: Db, s: LedgerScope): Promise<Row[]> {
  const rows = await ledgerReferrals(db, s).execute();
  const awaiting: readonly string[] = AWAITING_REPLY_STATUSES;
  return rows.map((r) => [
    r.reference_number,
    asDate(localDateAt(new Date(r.created_at))),
    r.case_number,
    ZH.referralTargets[r.target],
    r.target_name,
    ZH.referralSubjects[r.subject],
    ZH.referralStatuses[r.status],
    asDate(r.expected_reply_date),
    yesNo(r.consent_given === 1),
    yesNo(awaiting.includes(r.status) && r.expected_reply_date < s.today),
  ]);
}

async function visitRows(db: Db, s: LedgerScope): Promise<Row[]> {
  const rows = await ledgerVisits(db, s).execute();
  return rows.map((r) => [
    r.archive_number,
    r.seq,
    asDate(r.due_date),
    asDate(r.visit_date),
    ZH.visitStatuses[r.status],
    label(ZH.channels, r.channel),
    r.duration_minutes,
    r.volunteer_name ?? null,
    r.counsellor_name ?? null,
  ]);
}

async function eventRows(db: Db, s: LedgerScope): Promise<Row[]> {
  const rows = await ledgerEvents(db, s).execute();
  return rows.map((r) => [
    asDate(r.date),
    r.type === 'other' && r.type_other ? r.type_other : ZH.eventTypes[r.type],
    r.topic,
    r.place,
    r.speakers,
    r.attendee_count,
    r.duration_hours,
    yesNo(r.date <= s.today),
  ]);
}

async function volunteerRows(db: Db, s: LedgerScope): Promise<Row[]> {
  const roster = await ledgerVolunteers(db).execute();
  const sessions = new Map((await volunteerSessionsInPeriod(db, s)).rows.map((r) => [r.name, Number(r.n)]));
  const visits = new Map(
    (await volunteerVisitsInPeriod(db, s).execute()).map((r) => [
      r.volunteer_id as string,
      { n: Number(r.n), minutes: Number(r.minutes ?? 0) },
    ]),
  );
  const events = new Map(
    (await volunteerEventsInPeriod(db, s)).rows.map((r) => [
      r.volunteer_id,
      { n: Number(r.n), minutes: Math.round(Number(r.hours ?? 0) * 60) },
    ]),
  );
  return roster.map((v) => {
    const n = sessions.get(v.name) ?? 0;
    const visit = visits.get(v.id) ?? { n: 0, minutes: 0 };
    const event = events.get(v.id) ?? { n: 0, minutes: 0 };
    return [
      v.name,
      label(ZH.sexes, v.sex),
      v.profession === 'other' && v.profession_other ? v.profession_other : ZH.professions[v.profession],
      yesNo(v.qualified === 1),
      asDate(v.pledge_signed_date),
      yesNo(v.active === 1),
      n,
      visit.n,
      visit.minutes,
      event.n,
      event.minutes,
      n * 60 + visit.minutes + event.minutes,
    ];
  });
}

/** Every register of the period as the scope's user may see it (call inside one read transaction). */
export async function readRegisters(db: Db, s: LedgerScope): Promise<Registers> {
  return {
    cases: await caseRows(db, s),
    ...(await recordRows(db, s)),
    referrals: await referralRows(db, s),
    visits: await visitRows(db, s),
    events: await eventRows(db, s),
    volunteers: await volunteerRows(db, s),
  };
}

export function registerSheets(r: Registers): LedgerSheetData[] {
  return [
    { sheet: 'cases', title: [], rows: r.cases },
    { sheet: 'records', title: [], rows: r.records },
    { sheet: 'referrals', title: [], rows: r.referrals },
    { sheet: 'visits', title: [], rows: r.visits },
    { sheet: 'events', title: [], rows: r.events },
    { sheet: 'volunteers', title: [], rows: r.volunteers },
  ];
}
