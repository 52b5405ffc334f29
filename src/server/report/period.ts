import { localDateAt } from '../../shared/calendar';
import {
  figuresFrom,
  STATISTICS_TABLES,
  statisticsRowsOf,
  type Figures,
  type Period,
  type StatisticsRows,
  type StatisticsTable,
  type SyncedRow,
} from '../../shared/statistics';
import type { CountyStore } from '../store';
import { forEachRow } from './report';

/*
 * `county report --from … --to …`: the indicators of docs/indicators.md for a period, per station and for
 * the county, computed by the SAME shared functions the desks' figures are checked against
 * (src/shared/statistics: statisticsRowsOf, figuresFrom) over every desk's ingested rows. A station with
 * several desks counts the union of their rows; the county the union of all. Hard-deleted rows
 * (county_rows.deleted) are never read; soft-deleted ones are left out by statisticsRowsOf.
 */

export interface PeriodReport {
  period: Period;
  generatedAt: string;
  today: string;
  total: Figures;
  stations: { station: string; devices: number; figures: Figures }[];
  /** Living rows left out because a column the indicators need did not parse (a newer desk's code). */
  unreadable: number;
}

/** Every row of the tables the indicators read, per device (hard-deleted ones never read). */
async function rowsByDevice(store: CountyStore): Promise<Map<string, Map<StatisticsTable, SyncedRow[]>>> {
  const out = new Map<string, Map<StatisticsTable, SyncedRow[]>>();
  for (const table of STATISTICS_TABLES) {
    await forEachRow(store, table, (device, row) => {
      let tables = out.get(device);
      if (!tables) out.set(device, (tables = new Map<StatisticsTable, SyncedRow[]>()));
      const list = tables.get(table);
      if (list) list.push(row);
      else tables.set(table, [row]);
    });
  }
  return out;
}

function union(parts: readonly StatisticsRows[]): StatisticsRows {
  return {
    cases: parts.flatMap((p) => p.cases),
    records: parts.flatMap((p) => p.records),
    disclosures: parts.flatMap((p) => p.disclosures),
    referrals: parts.flatMap((p) => p.referrals),
    visits: parts.flatMap((p) => p.visits),
    events: parts.flatMap((p) => p.events),
    evaluations: parts.flatMap((p) => p.evaluations),
    volunteers: parts.flatMap((p) => p.volunteers),
  };
}

const collator = new Intl.Collator('zh-CN');

export async function countyPeriodReport(
  store: CountyStore,
  period: Period,
  now: Date = new Date(),
): Promise<PeriodReport> {
  const today = localDateAt(now);
  const devices = await store.db.selectFrom('devices').select(['id', 'station']).execute();
  const byDevice = await rowsByDevice(store);
  let unreadable = 0;
  const rowsOf = new Map<string, StatisticsRows>();
  for (const [device, tables] of byDevice) {
    const read = statisticsRowsOf(Object.fromEntries(tables));
    unreadable += read.unreadable;
    rowsOf.set(device, read.rows);
  }
  const stationNames = [...new Set(devices.map((d) => d.station))].sort(
    (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const stations = stationNames.map((station) => {
    const members = devices.filter((d) => d.station === station);
    const rows = union(members.flatMap((d) => rowsOf.get(d.id) ?? []));
    return { station, devices: members.length, figures: figuresFrom(rows, period, today) };
  });
  return {
    period,
    generatedAt: now.toISOString(),
    today,
    total: figuresFrom(union([...rowsOf.values()]), period, today),
    stations,
    unreadable,
  };
}
