import { localDateAt, type LocalDate } from '../../shared/calendar';
import { isVisitOverdue } from '../../shared/followups';
import { isEligible } from '../../shared/volunteers';
import type { CountyStore, IngestStatus } from '../store';

export { formatReport } from './report-format';

/*
 * County-wide figures (`county report`) from the ingested rows. Counts only: the report never carries a
 * name, note or any DV content. Rows of the counted tables are opened (on PostgreSQL: unsealed) one page
 * at a time and only their coded fields are read. Aggregated in JS from pages of selected rows, so the same code runs on
 * SQLite and PostgreSQL (their JSON functions differ). A row counts while it exists on its desk: not
 * hard-deleted (county_rows.deleted) and not soft-deleted (row.deleted_at, what the desk's lists hide).
 * Codes are the desk's own (`divorce_adjustment`, `accepted_cooling` …); formatReport gives the Chinese.
 * What depends on the day — an overdue visit, a pledge in force, an event held — is judged by the desks'
 * own rules (isVisitOverdue, isEligible; an event counts once its date has come) on the office-local date
 * of the report's generation time, so the county counts what the desks' screens show that day.
 */

/** `none` counts cases without a filing (status) or without a signed record yet (result). */
export const NONE = 'none';

export interface Figures {
  cases: number;
  casesByType: Record<string, number>;
  /** Registration status of the filing (divorce_adjustment cases with a filing), else `none`. */
  casesByStatus: Record<string, number>;
  /** The latest signed record's result, else `none`. */
  casesByResult: Record<string, number>;
  counsellingRecords: number;
  signedRecords: number;
  referrals: number;
  referralsByTarget: Record<string, number>;
  referralsByStatus: Record<string, number>;
  /** How many disclosures exist; nothing else about them is read. */
  dvDisclosures: number;
  /** Family archives (家庭档案), open or closed. */
  families: number;
  /** Follow-up visits recorded (回访, status done). */
  visitsDone: number;
  /** Follow-up visits still open (scheduled, or on hold while their plan is paused) … */
  visitsOpen: number;
  /** … of which overdue: due before the report's office-local date. */
  visitsOverdue: number;
  /** Volunteers on the roster and active (在岗) … */
  activeVolunteers: number;
  /** … of whom have signed the confidentiality pledge (保密承诺书) by the report's date. */
  pledgedVolunteers: number;
  /** Outreach events held (date on or before the report's date): 场次. */
  eventsHeld: number;
  /** Attendees of those events, summed: 人次. */
  eventAttendees: number;
}

export interface StationFigures extends Figures {
  station: string;
  devices: number;
}

export interface DeviceStatus {
  device: string;
  station: string;
  enrolledAt: string;
  /** When the newest stored batch arrived; null before the first. */
  lastReceivedAt: string | null;
  /** Stored envelopes, all epochs. */
  batches: number;
  ingested: number;
  /** Stored, not yet applied, and ingest will apply them. */
  pending: number;
  /** Stored behind a batch that will not open: waiting for an operator. */
  blocked: number;
  /** Stored in an epoch a later epoch replaced: kept, never applied. */
  superseded: number;
  /** The error code of the blocked batch, if any. */
  blockedReason: string | null;
  /** The desk's audit chain went 'backwards' or was 'rewritten' (batch headers); null when in order. */
  auditFlag: 'backwards' | 'rewritten' | null;
}

export interface CountyReport {
  generatedAt: string;
  total: Figures;
  /** By station name (a station with several desks adds them up). */
  stations: StationFigures[];
  devices: DeviceStatus[];
}

export interface ReportOptions {
  now?: () => Date;
}

const PAGE = 2000;

export function emptyFigures(): Figures {
  return {
    cases: 0,
    casesByType: {},
    casesByStatus: {},
    casesByResult: {},
    counsellingRecords: 0,
    signedRecords: 0,
    referrals: 0,
    referralsByTarget: {},
    referralsByStatus: {},
    dvDisclosures: 0,
    families: 0,
    visitsDone: 0,
    visitsOpen: 0,
    visitsOverdue: 0,
    activeVolunteers: 0,
    pledgedVolunteers: 0,
    eventsHeld: 0,
    eventAttendees: 0,
  };
}

type Count = { [K in keyof Figures]: Figures[K] extends number ? K : never }[keyof Figures];

/** The figures that are plain counts (a Record, so a new count without its entry does not compile). */
const COUNTS = Object.keys({
  cases: true,
  counsellingRecords: true,
  signedRecords: true,
  referrals: true,
  dvDisclosures: true,
  families: true,
  visitsDone: true,
  visitsOpen: true,
  visitsOverdue: true,
  activeVolunteers: true,
  pledgedVolunteers: true,
  eventsHeld: true,
  eventAttendees: true,
} satisfies Record<Count, true>) as Count[];

/** The tables whose rows are read to count them (see liveCounts for those counted without reading). */
const COUNTED_TABLES = [
  'cases',
  'counselling_records',
  'referrals',
  'followup_visits',
  'volunteers',
  'outreach_events',
] as const;
type CountedTable = (typeof COUNTED_TABLES)[number];

/** Station names in Chinese (pinyin) order, the same on both dialects (their SQL collations differ). */
const collator = new Intl.Collator('zh-CN');

function byText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function bump(counts: Record<string, number>, key: unknown, by = 1): void {
  const name = typeof key === 'string' && key.length > 0 ? key : NONE;
  counts[name] = (counts[name] ?? 0) + by;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Adds one live row of a counted table to the figures; `today` is the report's office-local date. */
function countRow(
  figures: Figures,
  table: CountedTable,
  row: Record<string, unknown>,
  today: LocalDate,
): void {
  switch (table) {
    case 'cases':
      figures.cases += 1;
      bump(figures.casesByType, row.type);
      bump(figures.casesByStatus, row.registration_status);
      bump(figures.casesByResult, row.result);
      return;
    case 'counselling_records':
      figures.counsellingRecords += 1;
      if (row.status === 'signed') figures.signedRecords += 1;
      return;
    case 'referrals':
      figures.referrals += 1;
      bump(figures.referralsByTarget, row.target);
      bump(figures.referralsByStatus, row.status);
      return;
    case 'followup_visits': {
      const visit = { status: text(row.status) ?? '', dueDate: text(row.due_date) ?? '' };
      if (visit.status === 'done') figures.visitsDone += 1;
      if (visit.status === 'scheduled' || visit.status === 'on_hold') figures.visitsOpen += 1;
      if (isVisitOverdue(visit, today)) figures.visitsOverdue += 1;
      return;
    }
    case 'volunteers':
      if (row.active !== 1) return;
      figures.activeVolunteers += 1;
      if (isEligible({ active: true, pledgeSignedDate: text(row.pledge_signed_date) }, today))
        figures.pledgedVolunteers += 1;
      return;
    case 'outreach_events': {
      // Held once its day has come (shared/events: only held events are counted in 场次 / 人次).
      const date = text(row.date);
      if (date === null || date > today) return;
      figures.eventsHeld += 1;
      if (typeof row.attendee_count === 'number') figures.eventAttendees += row.attendee_count;
      return;
    }
  }
}

function addFigures(into: Figures, from: Figures): void {
  for (const key of COUNTS) into[key] += from[key];
  for (const key of [
    'casesByType',
    'casesByStatus',
    'casesByResult',
    'referralsByTarget',
    'referralsByStatus',
  ] as const) {
    for (const [name, n] of Object.entries(from[key])) bump(into[key], name, n);
  }
}

/**
 * Every row of `table` that its desk has not hard-deleted, opened (on PostgreSQL: unsealed) and parsed,
 * page by page in (device, row id) order — keyset paging on the primary key, so memory stays one page.
 */
export async function forEachRow(
  store: CountyStore,
  table: string,
  visit: (device: string, row: Record<string, unknown>) => void,
): Promise<void> {
  let after: { device: string; rowId: string } | undefined;
  for (;;) {
    let query = store.db
      .selectFrom('county_rows')
      .select(['device', 'row_id', 'row_json'])
      .where('table_name', '=', table)
      .where('deleted', '=', 0)
      .orderBy('device')
      .orderBy('row_id')
      .limit(PAGE);
    if (after) {
      const { device, rowId } = after;
      query = query.where((eb) =>
        eb.or([eb('device', '>', device), eb.and([eb('device', '=', device), eb('row_id', '>', rowId)])]),
      );
    }
    const rows = await query.execute();
    for (const r of rows) {
      const ref = { device: r.device, table, id: r.row_id };
      visit(r.device, JSON.parse(store.rows.open(ref, r.row_json)) as Record<string, unknown>);
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = { device: last.device, rowId: last.row_id };
  }
}

/** Per device: figures of its live rows, read page by page (keyset on the primary key). */
async function figuresByDevice(store: CountyStore, today: LocalDate): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  const of = (device: string) => {
    let figures = out.get(device);
    if (!figures) out.set(device, (figures = emptyFigures()));
    return figures;
  };
  for (const table of COUNTED_TABLES) {
    await forEachRow(store, table, (device, row) => {
      if (row.deleted_at === null || row.deleted_at === undefined) countRow(of(device), table, row, today);
    });
  }
  // Rows that are only counted — DV disclosures, family archives — are counted in SQL, so their content
  // (DV facts, a family's needs and safety notes) is never even read.
  for (const r of await liveCounts(store, 'dv_disclosures')) of(r.device).dvDisclosures += r.n;
  for (const r of await liveCounts(store, 'families')) of(r.device).families += r.n;
  return out;
}

/**
 * Live rows of `table` per device, without reading (or decrypting) them: county_rows.soft_deleted is the
 * clear fact "the row has a deletion time", written by ingest beside the sealed row.
 */
async function liveCounts(store: CountyStore, table: string): Promise<{ device: string; n: number }[]> {
  const rows = await store.db
    .selectFrom('county_rows')
    .select(['device', (eb) => eb.fn.countAll<number>().as('n')])
    .where('table_name', '=', table)
    .where('deleted', '=', 0)
    .where('soft_deleted', '=', 0)
    .groupBy('device')
    .execute();
  return rows.map((r) => ({ device: r.device, n: Number(r.n) }));
}

async function deviceStatuses(store: CountyStore): Promise<DeviceStatus[]> {
  const devices = (
    await store.db.selectFrom('devices').select(['id', 'station', 'enrolled_at']).execute()
  ).sort((a, b) => byText(a.station, b.station) || byText(a.id, b.id));
  const stored = await store.db
    .selectFrom('envelopes')
    .select([
      'device',
      'epoch',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max('received_at').as('last'),
    ])
    .groupBy(['device', 'epoch'])
    .execute();
  const progress = await store.db.selectFrom('ingest_progress').selectAll().execute();
  const progressOf = new Map(progress.map((p) => [`${p.device}/${Number(p.epoch)}`, p]));
  const heads = await store.db.selectFrom('audit_heads').select(['device', 'flag']).execute();
  const flagOf = new Map(heads.map((h) => [h.device, h.flag]));
  return devices.map((d) => {
    const status: DeviceStatus = {
      device: d.id,
      station: d.station,
      enrolledAt: d.enrolled_at,
      lastReceivedAt: null,
      batches: 0,
      ingested: 0,
      pending: 0,
      blocked: 0,
      superseded: 0,
      blockedReason: null,
      auditFlag: flagOf.get(d.id) ?? null,
    };
    for (const s of stored.filter((e) => e.device === d.id)) {
      const n = Number(s.n);
      const p = progressOf.get(`${d.id}/${Number(s.epoch)}`);
      const applied = Math.min(n, Number(p?.last_seq ?? 0));
      const state: IngestStatus = p?.status ?? 'active';
      status.batches += n;
      status.ingested += applied;
      status[state === 'active' ? 'pending' : state] += n - applied;
      if (state === 'blocked') status.blockedReason = p?.reason ?? null;
      if (s.last && (!status.lastReceivedAt || s.last > status.lastReceivedAt))
        status.lastReceivedAt = s.last;
    }
    return status;
  });
}

export async function countyReport(store: CountyStore, options: ReportOptions = {}): Promise<CountyReport> {
  const generatedAt = options.now?.() ?? new Date();
  const byDevice = await figuresByDevice(store, localDateAt(generatedAt));
  const devices = await deviceStatuses(store);
  const stations = new Map<string, StationFigures>();
  const total = emptyFigures();
  for (const d of devices) {
    let station = stations.get(d.station);
    if (!station) stations.set(d.station, (station = { station: d.station, devices: 0, ...emptyFigures() }));
    station.devices += 1;
    const figures = byDevice.get(d.device);
    if (figures) {
      addFigures(station, figures);
      addFigures(total, figures);
    }
  }
  return {
    generatedAt: generatedAt.toISOString(),
    total,
    stations: [...stations.values()].sort((a, b) => byText(a.station, b.station)),
    devices,
  };
}
