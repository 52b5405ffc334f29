import { createHash } from 'node:crypto';
import { localDateAt } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import {
  BREAKDOWN_VALUES,
  FiguresSchema,
  INDICATOR_KEYS,
  isBreakdown,
  type Figures,
  type IndicatorKey,
  type ReportSnapshot,
  type SnapshotChange,
  type SnapshotComparison,
  type SnapshotMember,
  type StatisticsInput,
} from '../../shared/statistics';
import type { SessionUser } from '../../shared/users';
import { actorOf, appendAudit } from '../audit';
import type { Db } from '../db';
import { uuidv7, type WriteCall } from '../desk';
import { displayNames, userRef } from '../users';
import { listIndicator } from './list.service';
import { computeFigures } from './statistics.service';
import type { ReportSnapshotRow } from './snapshots.table';

/*
 * Submitted reports (报送, docs/indicators.md "Submitted reports"). Submitting freezes, for the period and
 * scope, the figures and the rows behind every number — the drill-down lists themselves (listIndicator),
 * so "the rows behind a number" means the same here as on the page — as [id, office number] pairs, with
 * the hex SHA-256 of both. Comparing recomputes both for the same period and scope and lists every number
 * whose rows differ, with the rows that came in and went out. A snapshot is never changed or removed
 * (migration 0013's triggers).
 */

/** "<indicator>" or "<indicator>:<value>" → the [id, label] rows behind that number. */
type Members = Record<string, [string, string][]>;

/** Every number that opens a list, with its breakdown value: the keys of Members, in the page's order. */
function memberKeys(): { indicator: IndicatorKey; value: string | null }[] {
  const keys: { indicator: IndicatorKey; value: string | null }[] = [];
  for (const indicator of INDICATOR_KEYS) {
    if (indicator === 'eventAttendees') continue; // the rows of eventsHeld
    if (isBreakdown(indicator)) {
      for (const value of BREAKDOWN_VALUES[indicator] as readonly string[]) keys.push({ indicator, value });
    } else keys.push({ indicator, value: null });
  }
  return keys;
}

const keyOf = (indicator: IndicatorKey, value: string | null) =>
  value === null ? indicator : `${indicator}:${value}`;

/** Large enough for any list: one query per number instead of pages. */
const ALL_ROWS = Number.MAX_SAFE_INTEGER;

async function membersOf(db: Db, user: SessionUser, input: StatisticsInput, now: Date): Promise<Members> {
  const members: Members = {};
  for (const { indicator, value } of memberKeys()) {
    const list = await listIndicator(
      db,
      user,
      { ...input, indicator, value, page: 1, pageSize: ALL_ROWS },
      now,
    );
    members[keyOf(indicator, value)] = list.rows.map((r) => [r.id, r.label]);
  }
  return members;
}

/** The content hash: SHA-256 of the canonical JSON of the period, scope, figures and rows. */
export function snapshotHash(
  period: { from: string; to: string; counsellorId: string | null },
  figures: string,
  members: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([period.from, period.to, period.counsellorId, figures, members]), 'utf8')
    .digest('hex');
}

async function toSnapshot(db: Db, row: ReportSnapshotRow): Promise<ReportSnapshot> {
  const names = await displayNames(db, [row.submitted_by, ...(row.counsellor_id ? [row.counsellor_id] : [])]);
  return {
    id: row.id,
    from: row.period_from,
    to: row.period_to,
    counsellor: row.counsellor_id ? userRef(names, row.counsellor_id) : null,
    submittedAt: row.submitted_at,
    submittedBy: userRef(names, row.submitted_by),
    contentHash: row.content_hash,
  };
}

/** In the channel's one transaction: the figures and the rows frozen are of the same moment. */
export async function submitReport(call: WriteCall, input: StatisticsInput): Promise<ReportSnapshot> {
  const { db, user, now } = call;
  const figures = JSON.stringify(await computeFigures(db, user, input, localDateAt(now)));
  const members = JSON.stringify(await membersOf(db, user, input, now));
  const row: ReportSnapshotRow = {
    id: uuidv7(now),
    period_from: input.from,
    period_to: input.to,
    counsellor_id: input.counsellorId,
    submitted_at: now.toISOString(),
    submitted_by: user.id,
    figures,
    members,
    content_hash: snapshotHash({ ...input }, figures, members),
  };
  await db.insertInto('report_snapshots').values(row).execute();
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'statistics.submitted',
      detail: { from: input.from, to: input.to, userId: input.counsellorId ?? undefined },
    },
    now,
  );
  return toSnapshot(db, row);
}

export async function listSnapshots(
  db: Db,
  input: { from: string | null; to: string | null },
): Promise<ReportSnapshot[]> {
  let query = db
    .selectFrom('report_snapshots')
    .selectAll()
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc');
  if (input.from !== null) query = query.where('period_from', '=', input.from);
  if (input.to !== null) query = query.where('period_to', '=', input.to);
  const rows = await query.execute();
  return Promise.all(rows.map((r) => toSnapshot(db, r)));
}

export async function compareSnapshot(
  db: Db,
  user: SessionUser,
  snapshotId: string,
  now: Date,
): Promise<SnapshotComparison> {
  const row = await db
    .selectFrom('report_snapshots')
    .selectAll()
    .where('id', '=', snapshotId)
    .executeTakeFirst();
  if (!row) throw new DomainError('STATISTICS_SNAPSHOT_NOT_FOUND');
  const scope = { from: row.period_from, to: row.period_to, counsellorId: row.counsellor_id };
  const intact = snapshotHash(scope, row.figures, row.members) === row.content_hash;
  const submitted: Figures = FiguresSchema.parse(JSON.parse(row.figures));
  const before = JSON.parse(row.members) as Members;
  const input: StatisticsInput = { ...scope };
  const current = await computeFigures(db, user, input, localDateAt(now));
  const after = await membersOf(db, user, input, now);

  const changes: SnapshotChange[] = [];
  for (const { indicator, value } of memberKeys()) {
    const key = keyOf(indicator, value);
    const was = before[key] ?? [];
    const is = after[key] ?? [];
    const wasIds = new Set(was.map(([id]) => id));
    const isIds = new Set(is.map(([id]) => id));
    const member = ([id, label]: [string, string]): SnapshotMember => ({ id, label });
    const added = is.filter(([id]) => !wasIds.has(id)).map(member);
    const removed = was.filter(([id]) => !isIds.has(id)).map(member);
    if (added.length === 0 && removed.length === 0) continue;
    changes.push({ indicator, value, before: was.length, after: is.length, added, removed });
  }
  return { snapshot: await toSnapshot(db, row), intact, submitted, current, changes };
}
