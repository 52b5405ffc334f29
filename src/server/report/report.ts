import type { CountyStore, IngestStatus } from '../store';

export { formatReport } from './report-format';

/*
 * County-wide figures (`county report`) from the ingested rows. Counts only: the report never carries a
 * name, note or any DV content. Aggregated in JS from pages of selected rows, so the same code runs on
 * SQLite and PostgreSQL (their JSON functions differ). A row counts while it exists on its desk: not
 * hard-deleted (county_rows.deleted) and not soft-deleted (row.deleted_at, what the desk's lists hide).
 * Codes are the desk's own (`divorce_adjustment`, `accepted_cooling` …); formatReport gives the Chinese.
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
  };
}

/** Station names in Chinese (pinyin) order, the same on both dialects (their SQL collations differ). */
const collator = new Intl.Collator('zh-CN');

function byText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function bump(counts: Record<string, number>, key: unknown, by = 1): void {
  const name = typeof key === 'string' && key.length > 0 ? key : NONE;
  counts[name] = (counts[name] ?? 0) + by;
}

/** Adds one live row of a counted table to the figures. */
function countRow(figures: Figures, table: string, row: Record<string, unknown>): void {
  if (table === 'cases') {
    figures.cases += 1;
    bump(figures.casesByType, row.type);
    bump(figures.casesByStatus, row.registration_status);
    bump(figures.casesByResult, row.result);
  } else if (table === 'counselling_records') {
    figures.counsellingRecords += 1;
    if (row.status === 'signed') figures.signedRecords += 1;
  } else if (table === 'referrals') {
    figures.referrals += 1;
    bump(figures.referralsByTarget, row.target);
    bump(figures.referralsByStatus, row.status);
  }
}

function addFigures(into: Figures, from: Figures): void {
  into.cases += from.cases;
  into.counsellingRecords += from.counsellingRecords;
  into.signedRecords += from.signedRecords;
  into.referrals += from.referrals;
  into.dvDisclosures += from.dvDisclosures;
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

/** Per device: figures of its live rows, read page by page (keyset on the primary key). */
async function figuresByDevice(store: CountyStore): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  const of = (device: string) => {
    let figures = out.get(device);
    if (!figures) out.set(device, (figures = emptyFigures()));
    return figures;
  };
  for (const table of ['cases', 'counselling_records', 'referrals'] as const) {
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
        const row = JSON.parse(r.row_json) as Record<string, unknown>;
        if (row.deleted_at === null || row.deleted_at === undefined) countRow(of(r.device), table, row);
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) break;
      after = { device: last.device, rowId: last.row_id };
    }
  }
  // DV disclosures are counted in SQL so their content is never even read. row_json is JSON.stringify
  // output (no whitespace), and a quote inside a string value is escaped, so `"deleted_at":"` appears
  // exactly when the row has a deletion time.
  const dv = await store.db
    .selectFrom('county_rows')
    .select(['device', (eb) => eb.fn.countAll<number>().as('n')])
    .where('table_name', '=', 'dv_disclosures')
    .where('deleted', '=', 0)
    .where('row_json', 'not like', '%"deleted_at":"%')
    .groupBy('device')
    .execute();
  for (const r of dv) of(r.device).dvDisclosures += Number(r.n);
  return out;
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
  const byDevice = await figuresByDevice(store);
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
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    total,
    stations: [...stations.values()].sort((a, b) => byText(a.station, b.station)),
    devices,
  };
}
