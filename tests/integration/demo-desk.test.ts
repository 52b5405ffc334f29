import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDesk, DEMO_PASSWORDS, type DemoDesk } from '../../src/main/demo';
import { openStore, unwrapWithPassword } from '../../src/main/desk';
import { addDays, mergeHolidayYears, SHIPPED_HOLIDAY_YEARS } from '../../src/shared/calendar';
import {
  REGISTRATION_STATUSES,
  type CaseDetail,
  type CaseUpdate,
  type PartyDetail,
} from '../../src/shared/cases';
import { CaseDetailSchema } from '../../src/shared/cases/schemas';
import type { ChannelInput } from '../../src/shared/contract';
import { DvDisclosureSchema } from '../../src/shared/dv/schemas';
import { CounsellingRecordSchema } from '../../src/shared/records/schemas';
import { coolingOffTimeline } from '../../src/shared/rules';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { Desk, FakeClock } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

/*
 * The demo desk (src/main/demo): generated through the real app and store, then opened by the app and
 * read back through its own services as the director, a counsellor, a volunteer and the administrator.
 * Counts the generator knows by construction must be what the services answer; every case must pass the
 * shared schemas and the intake rules again (an unchanged cases.update writes nothing); the statutory
 * timeline and status of every filing must be the desk's own; the same seed must give the same content.
 */

const CASES = 300;
const SEED = 20261120;
const TODAY = '2026-11-20';
/** The generation instant (08:00 office time) plus five minutes: yesterday is the last closed day. */
const NOW = Date.parse(`${TODAY}T08:05:00+08:00`);

const tmp = tempDir('counseldesk-demo-');
let demo: DemoDesk;
let desk: Desk;
const hashes = new Map<string, string>();
/** Read from desk A's store before the app opens it: per synced table, rows and pending outbox entries. */
let captured: { table: string; rows: number; outbox: number; captured: number }[] = [];
let indexed = { docs: 0, cases: 0 };

async function storeFacts(dir: string): Promise<void> {
  const unlocked = unwrapWithPassword(dir, 'admin', DEMO_PASSWORDS.admin);
  if (!unlocked) throw new Error('the demo admin password does not open the desk');
  const store = await openStore(dir, unlocked.dbKey);
  try {
    const count = (sql: string, ...params: string[]) =>
      (store.sqlite.prepare(sql).get(...params) as { n: number }).n;
    captured = SYNCED_TABLES.map((table) => ({
      table,
      rows: count(`SELECT count(*) AS n FROM ${table}`),
      outbox: count(
        `SELECT count(*) AS n FROM outbox WHERE table_name = ? AND delivered_batch IS NULL`,
        table,
      ),
      captured: count(
        `SELECT count(DISTINCT row_id) AS n FROM outbox WHERE table_name = ? AND delivered_batch IS NULL`,
        table,
      ),
    }));
    indexed = {
      docs: count(`SELECT count(*) AS n FROM search_docs`),
      cases: count(`SELECT count(*) AS n FROM cases WHERE deleted_at IS NULL`),
    };
  } finally {
    await store.close();
    unlocked.dbKey.fill(0);
  }
}

/** A digest of the content of the key tables, by natural keys (case numbers, usernames), not by row ids. */
async function contentHash(dir: string): Promise<string> {
  const unlocked = unwrapWithPassword(dir, 'admin', DEMO_PASSWORDS.admin);
  if (!unlocked) throw new Error('the demo admin password does not open the desk');
  const store = await openStore(dir, unlocked.dbKey);
  try {
    const queries = [
      `SELECT c.case_number, c.type, c.received_date, c.marriage_date, c.children, c.receipt_number,
         c.reason_categories, c.reason_text, c.consent_by, c.registration_status, c.withdrawal_deadline,
         c.certificate_window_end, c.withdrawal_date, c.registered_date, c.refusal_date, c.result, c.dv_disclosed,
         u.username, c.created_at, c.updated_at, c.version
       FROM cases c JOIN users u ON u.id = c.counsellor_id ORDER BY c.case_number`,
      `SELECT c.case_number, p.party, p.name, p.sex, p.document_number, p.birth_date, p.phone, p.address
       FROM case_parties p JOIN cases c ON c.id = p.case_id ORDER BY c.case_number, p.party`,
      `SELECT c.case_number, r.session_date, r.half_day, r.status, r.channel, r.result, r.satisfaction,
         r.interview_notes, r.intervention_assessment, r.signed_at
       FROM counselling_records r JOIN cases c ON c.id = r.case_id ORDER BY c.case_number, r.created_at`,
      `SELECT reference_number, target, status, expected_reply_date, created_at FROM referrals ORDER BY reference_number`,
      `SELECT f.archive_number, f.name, f.status, v.seq, v.due_date, v.status, v.visit_date
       FROM followup_visits v JOIN families f ON f.id = v.family_id ORDER BY f.archive_number, v.seq`,
      `SELECT name, profession, pledge_signed_date FROM volunteers ORDER BY created_at, name`,
      `SELECT date, topic, attendee_count FROM outreach_events ORDER BY date, topic, attendee_count`,
    ];
    const hash = createHash('sha256');
    for (const q of queries) hash.update(JSON.stringify(store.sqlite.prepare(q).raw().all()));
    return hash.digest('hex');
  } finally {
    await store.close();
    unlocked.dbKey.fill(0);
  }
}

beforeAll(async () => {
  const dir = join(tmp.dir, 'a');
  demo = await generateDemoDesk(dir, { cases: CASES, seed: SEED, today: TODAY });
  hashes.set('a', await contentHash(dir));
  await storeFacts(dir);
  desk = await Desk.open(dir, new FakeClock(NOW));
  const login = await desk.login('director', DEMO_PASSWORDS.director);
  if (!login.ok) throw new Error(`director sign-in failed: ${login.error.code}`);
}, 180_000);

afterAll(async () => {
  await desk?.app.close();
  tmp.cleanup();
});

/** Every case id, through the director's case list (pages of 200). */
async function allCaseIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await desk.ok('cases.list', { page, pageSize: 200 });
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= total || rows.length === 0) return ids;
  }
}

const partyInput = (p: PartyDetail): CaseUpdate['parties'][number] => ({
  name: p.name,
  sex: p.sex,
  documentType: p.documentType,
  documentNumber: p.documentNumber,
  birthDate: p.birthDate,
  phone: p.phone,
  education: p.education,
  occupation: p.occupation,
  address: p.address,
});

/** The case's own content as cases.update takes it. */
function sameContent(d: CaseDetail): ChannelInput<'cases.update'> {
  return {
    caseId: d.id,
    type: d.type,
    parties: [partyInput(d.parties[0]), partyInput(d.parties[1])],
    marriageDate: d.marriageDate,
    children: d.children,
    filing: d.filing,
    reasons: d.reasons,
    risk: d.risk,
    companionUserId: d.companion?.userId ?? null,
    companionName: d.companion && !d.companion.userId ? d.companion.name : null,
  };
}

describe('the demo desk', () => {
  it('answers, through the services, the counts it was built with', async () => {
    const s = demo.summary;
    expect(s.cases).toBe(CASES);
    expect((await desk.ok('cases.list', { pageSize: 1 })).total).toBe(CASES);
    // The sign-in sweep found nothing to move: every status is already where the desk's rules put it.
    for (const status of REGISTRATION_STATUSES) {
      const { total } = await desk.ok('cases.list', { registrationStatus: status, pageSize: 1 });
      expect(total, status).toBe(s.statuses[status]);
    }
    const figures = await desk.ok('statistics.get', { from: s.period.from, to: s.period.to });
    expect(figures.divorce.filings).toBe(s.filings);
    expect(figures.divorce.withdrawals).toBe(s.statuses.withdrawn);
    expect(figures.divorce.deemedWithdrawals).toBe(s.statuses.deemed_withdrawn);
    expect(figures.divorce.registrations).toBe(s.statuses.registered);
    expect(figures.divorce.refusals).toBe(s.statuses.refused);
    expect(figures.sessions).toBe(s.signedRecords);
    expect(figures.dvDisclosures).toBe(s.dvDisclosures);
    expect(figures.referrals).toBe(s.referrals);
    expect(figures.visitsDone).toBe(s.visitsDone);
    expect(figures.eventsHeld).toBe(s.eventsHeld);
    expect(figures.eventAttendees).toBe(s.eventAttendees);
    expect(figures.volunteerEvaluations.count).toBe(s.rows.volunteer_evaluations ?? 0);
    // A realistic mix, not a degenerate one.
    expect(s.filings).toBeGreaterThan(CASES * 0.6);
    expect(s.counselled).toBeGreaterThan(CASES * 0.4);
    expect(s.dvDisclosures).toBeGreaterThan(0);
    expect(s.referrals).toBeGreaterThan(0);
    expect(s.families).toBeGreaterThan(0);
    expect(s.visitsDone).toBeGreaterThan(0);
    for (const status of REGISTRATION_STATUSES) expect(s.statuses[status], status).toBeGreaterThan(0);

    expect((await desk.ok('referrals.list', { pageSize: 1 })).total).toBe(s.referrals);
    expect((await desk.ok('families.list', { status: 'all', pageSize: 1 })).total).toBe(s.families);
    expect((await desk.ok('volunteers.list', { status: 'all', pageSize: 1 })).total).toBe(s.rows.volunteers);
    expect((await desk.ok('events.list', { pageSize: 1 })).total).toBe(s.rows.outreach_events);
    const dashboard = await desk.ok('dashboard.get', { withinDays: 14 });
    expect(dashboard).toBeTruthy();
  });

  it('wrote through the real store: every row captured once for sync, every case in the search index', () => {
    for (const c of captured) {
      expect(c.captured, c.table).toBe(c.rows);
      const generated = demo.summary.rows[c.table as keyof typeof demo.summary.rows];
      // Generated rows are written once (an insert each); only the accounts set up through the services
      // changed afterwards (sign-in, the cleared password flag: one coalesced update entry each).
      if (generated !== undefined) {
        expect(c.rows, c.table).toBe(generated);
        expect(c.outbox, c.table).toBe(generated);
      }
    }
    expect(captured.find((c) => c.table === 'followup_visits')?.rows).toBeGreaterThan(0);
    expect(indexed.docs).toBe(CASES);
    expect(indexed.cases).toBe(CASES);
  });

  it('reads every case back through the services, valid by the shared schemas and the intake rules', async () => {
    const calendar = mergeHolidayYears(SHIPPED_HOLIDAY_YEARS);
    const yesterday = addDays(TODAY, -1);
    const ids = await allCaseIds();
    expect(ids).toHaveLength(CASES);
    let records = 0;
    let disclosures = 0;
    for (const id of ids) {
      const detail = CaseDetailSchema.parse(await desk.ok('cases.get', { caseId: id }));
      const list = await desk.ok('records.list', { caseId: id });
      for (const r of list) CounsellingRecordSchema.parse(r);
      records += list.length;
      const signed = list.filter((r) => r.status === 'signed');
      const latest = signed.sort((a, b) => (a.sessionDate ?? '').localeCompare(b.sessionDate ?? '')).at(-1);
      expect(detail.result, detail.caseNumber).toBe(latest?.result ?? null);
      if (detail.dvDisclosed) {
        for (const d of await desk.ok('dv.list', { caseId: id })) DvDisclosureSchema.parse(d);
        disclosures++;
      }
      const reg = detail.registration;
      if (detail.filing && reg) {
        // The desk's own timeline (Civil Code Art. 1077, the shipped holiday table, weekends not extending).
        expect(reg.timeline).toEqual(
          coolingOffTimeline(detail.filing.receivedDate, calendar, { weekendsExtend: false }),
        );
        const { withdrawalDeadline: w, certificateWindowEnd: ce } = reg.timeline;
        if (reg.status === 'accepted_cooling') expect(w > yesterday, detail.caseNumber).toBe(true);
        if (reg.status === 'awaiting_certificate')
          expect(w <= yesterday && ce > yesterday, detail.caseNumber).toBe(true);
        if (reg.status === 'deemed_withdrawn') expect(ce <= yesterday, detail.caseNumber).toBe(true);
        if (reg.withdrawal) expect(reg.withdrawal.date <= w, detail.caseNumber).toBe(true);
        if (reg.registeredDate) expect(reg.registeredDate >= reg.timeline.certificateWindowStart).toBe(true);
      }
      // The intake's rules again (consent covers every sensitive field, ID numbers, people): the same
      // content passes and changes nothing.
      const after = await desk.ok('cases.update', sameContent(detail));
      expect(after.version, detail.caseNumber).toBe(detail.version);
    }
    expect(records).toBe(demo.summary.signedRecords + demo.summary.draftRecords);
    expect(disclosures).toBe(demo.summary.dvDisclosures);
  }, 180_000);

  it('finds a generated name and a case number through search', async () => {
    const [first] = (await desk.ok('cases.list', { pageSize: 5 })).rows;
    if (!first) throw new Error('no case');
    const detail = await desk.ok('cases.get', { caseId: first.id });
    const byName = await desk.ok('search.cases', { query: detail.parties[1].name, limit: 50 });
    expect(byName.rows.map((r) => r.id)).toContain(first.id);
    const byNumber = await desk.ok('search.cases', { query: detail.caseNumber });
    expect(byNumber.rows.map((r) => r.id)).toContain(first.id);
  });

  it('lets every demo role sign in with its printed password, without a forced change', async () => {
    await desk.ok('auth.logout', null);
    await desk.login('admin', DEMO_PASSWORDS.admin);
    // Setup went through the services: its audit trail is an intact hash chain.
    expect((await desk.ok('audit.verify', null)).intact).toBe(true);
    for (const account of demo.accounts) {
      await desk.ok('auth.logout', null);
      const login = await desk.login(account.username, account.password);
      expect(login.ok, account.username).toBe(true);
      if (!login.ok) continue;
      expect(login.value.mustChangePassword, account.username).toBe(false);
    }
    // The last account is a volunteer with a roster profile: their own visits, nothing else.
    const queue = await desk.ok('followups.queue', { bucket: 'done' });
    expect(queue.canSeeAll).toBe(false);
    expect(
      queue.counts.done + queue.counts.overdue + queue.counts.due_week + queue.counts.upcoming,
    ).toBeGreaterThan(0);
    expect((await desk.call('cases.list', {})).ok).toBe(false);
    await desk.ok('auth.logout', null);
    await desk.login('director', DEMO_PASSWORDS.director);
  }, 60_000);

  it('is deterministic: the same seed gives the same content, another seed another', async () => {
    const again = join(tmp.dir, 'again');
    const other = join(tmp.dir, 'other');
    await generateDemoDesk(again, { cases: CASES, seed: SEED, today: TODAY });
    await generateDemoDesk(other, { cases: CASES, seed: SEED + 1, today: TODAY });
    expect(await contentHash(again)).toBe(hashes.get('a'));
    expect(await contentHash(other)).not.toBe(hashes.get('a'));
  }, 180_000);
});
