import type { LocalDate } from '../../shared/calendar';
import type { RegistrationStatus } from '../../shared/cases';
import { loadHolidayCalendar } from '../calendar';
import type { Store } from '../desk';
import { rebuildSearchIndex } from '../search';
import { loadDeskSettings } from '../settings';
import { updateUser } from '../users';
import { CaseNumbering, writeCase } from './case-rows';
import { planCase, type CasePlan } from './case-plan';
import { localDay, WorkCalendar } from './clock';
import { writeEvents } from './events';
import { writeFamily } from './family-rows';
import { writeProtection } from './protection-rows';
import { Random } from './random';
import { planRoster, writeRoster } from './roster';
import { Eligibility, generationInstant, type DemoWorld, type StaffMember } from './world';
import { RowWriter, type TableName } from './writer';

/*
 * Fills a set-up demo desk's store (opened by the generator while no app has it open): the roster and
 * the events, then the cases in creation order in transactions of CHUNK cases (each row through a
 * prepared statement, so the capture triggers record it), and finally the search index, rebuilt by the
 * search module itself. Two passes over the cases: the first only plans them, to number referrals and family
 * archives in the order they were created (as the services number them); the second writes.
 * The audit log holds what setup did through the services; the generated history has no entries of its
 * own (a desk that lived it would have one per write and read).
 */

const CHUNK = 1_000;

export type DemoPhase = 'cases' | 'search';
export type ProgressListener = (phase: DemoPhase, done: number, total: number) => void;

/** What was generated, counted while writing (the integration test checks the services against it). */
export interface DemoSummary {
  period: { from: LocalDate; to: LocalDate };
  /** Rows written, by table. */
  rows: Partial<Record<TableName, number>>;
  cases: number;
  filings: number;
  /** Filed cases by their registration status now. */
  statuses: Record<RegistrationStatus, number>;
  /** Cases with at least one signed record. */
  counselled: number;
  signedRecords: number;
  draftRecords: number;
  dvDisclosures: number;
  referrals: number;
  families: number;
  familyMembers: number;
  visitsDone: number;
  eventsHeld: number;
  eventAttendees: number;
}

export interface FillInput {
  seed: number;
  cases: number;
  today: LocalDate;
  start: LocalDate;
  lastClosed: LocalDate;
  /** When setup ran (the accounts' flags are cleared as part of it). */
  setupAt: Date;
  /** Usernames of the demo accounts that sign in with their printed password (no forced change). */
  demoUsernames: readonly string[];
  onProgress?: ProgressListener;
}

async function buildWorld(
  store: Store,
  input: FillInput,
): Promise<{ world: DemoWorld; volunteers: StaffMember[] }> {
  const { settings, deviceId } = await loadDeskSettings(store.db);
  const calendar = await loadHolidayCalendar(store.db);
  const users = await store.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role'])
    .orderBy('username')
    .execute();
  const staff = (role: string) =>
    users.filter((u) => u.role === role).map((u) => ({ id: u.id, displayName: u.display_name }));
  const director = staff('director')[0];
  const counsellors = staff('counsellor');
  if (!director || counsellors.length === 0) throw new Error('demo desk without a director or counsellors');
  const work = new WorkCalendar(calendar);
  const world: DemoWorld = {
    seed: input.seed,
    cases: input.cases,
    today: input.today,
    lastClosed: input.lastClosed,
    start: input.start,
    now: generationInstant(input.today),
    origin: deviceId,
    work,
    weekendsExtend: settings.weekendsExtend,
    calendar,
    rules: settings.followUpRules,
    director,
    counsellors,
    intakeDays: work.workingDays(input.start, input.lastClosed),
  };
  if (world.intakeDays.length === 0) throw new Error('demo period without a working day');
  return { world, volunteers: staff('volunteer') };
}

/** The planning pass: referral and archive sequence numbers per office-local year, in creation order. */
function numberInCreationOrder(world: DemoWorld, eligibility: Eligibility) {
  const referrals: { at: string; index: number; k: number }[] = [];
  const families: { at: string; index: number }[] = [];
  for (let index = 0; index < world.cases; index++) {
    const plan = planCase(world, eligibility, index);
    plan.referrals.forEach((r, k) => referrals.push({ at: r.createdAt, index, k }));
    if (plan.family) families.push({ at: plan.family.at, index });
  }
  const byTime = <T extends { at: string; index: number }>(a: T, b: T) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index;
  const perYear = new Map<string, number>();
  const next = (key: string) => {
    const n = (perYear.get(key) ?? 0) + 1;
    perYear.set(key, n);
    return n;
  };
  const referralSeqs = new Map<number, number[]>();
  for (const r of referrals.sort(byTime)) {
    const seqs = referralSeqs.get(r.index) ?? [];
    seqs[r.k] = next(`ZJ${localDay(r.at).slice(0, 4)}`);
    referralSeqs.set(r.index, seqs);
  }
  const archiveSeqs = new Map<number, number>();
  for (const f of families.sort(byTime)) archiveSeqs.set(f.index, next(`JT${localDay(f.at).slice(0, 4)}`));
  return { referralSeqs, archiveSeqs };
}

function tally(summary: DemoSummary, plan: CasePlan): void {
  summary.cases++;
  const status = plan.registration?.status;
  if (status) {
    summary.filings++;
    summary.statuses[status]++;
  }
  const signed = plan.sessions.filter((s) => s.status === 'signed').length;
  if (signed > 0) summary.counselled++;
  summary.signedRecords += signed;
  summary.draftRecords += plan.sessions.length - signed;
  if (plan.dv) summary.dvDisclosures++;
  summary.referrals += plan.referrals.length;
  if (plan.family) summary.families++;
}

export async function fillDemoStore(store: Store, input: FillInput): Promise<DemoSummary> {
  const { world, volunteers } = await buildWorld(store, input);
  const roster = planRoster({ ...input, accounts: volunteers, work: world.work });
  const eligibility = new Eligibility(roster);
  const { referralSeqs, archiveSeqs } = numberInCreationOrder(world, eligibility);

  // The demo accounts sign in with the printed password: no change forced at the first sign-in.
  await store.db.transaction().execute(async (trx) => {
    const demo = await trx
      .selectFrom('users')
      .select('id')
      .where('username', 'in', [...input.demoUsernames])
      .execute();
    for (const { id } of demo) await updateUser(trx, id, { must_change_password: 0 }, input.setupAt);
  });

  const w = new RowWriter(store.sqlite);
  const summary: DemoSummary = {
    period: { from: world.start, to: world.today },
    rows: {},
    cases: 0,
    filings: 0,
    statuses: {
      accepted_cooling: 0,
      awaiting_certificate: 0,
      withdrawn: 0,
      deemed_withdrawn: 0,
      registered: 0,
      refused: 0,
    },
    counselled: 0,
    signedRecords: 0,
    draftRecords: 0,
    dvDisclosures: 0,
    referrals: 0,
    families: 0,
    familyMembers: 0,
    visitsDone: 0,
    eventsHeld: 0,
    eventAttendees: 0,
  };
  store.sqlite.transaction(() => {
    writeRoster(w, world, roster);
    const events = writeEvents(w, world, eligibility);
    summary.eventsHeld = events.held;
    summary.eventAttendees = events.attendees;
  })();

  const numbering = new CaseNumbering();
  const writeChunk = store.sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const plan = planCase(world, eligibility, index);
      const t = Random.stream(world.seed, 'text', index);
      const written = writeCase(w, t, plan, numbering.numbersOf(plan), world.origin);
      writeProtection(
        w,
        t,
        plan,
        { caseId: written.id, referralSeqs: referralSeqs.get(index) ?? [] },
        numbering,
        world,
      );
      const archiveSeq = archiveSeqs.get(index);
      if (plan.family && archiveSeq !== undefined) {
        const family = writeFamily(w, t, plan, written, archiveSeq, world.origin);
        summary.familyMembers += family.members;
        summary.visitsDone += family.visitsDone;
      }
      tally(summary, plan);
    }
  });
  for (let from = 0; from < world.cases; from += CHUNK) {
    writeChunk(from, Math.min(world.cases, from + CHUNK));
    input.onProgress?.('cases', Math.min(world.cases, from + CHUNK), world.cases);
  }

  input.onProgress?.('search', 0, world.cases);
  await store.db.transaction().execute((trx) => rebuildSearchIndex(trx));
  input.onProgress?.('search', world.cases, world.cases);
  summary.rows = Object.fromEntries(w.counts());
  return summary;
}
