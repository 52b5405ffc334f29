import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import type { SyncedTableName } from '../../src/main/sync/sync.table';
import { Generator, NOTES, PLACES, seededRandom, type Row, type Table } from './workload-generator';

/*
 * A seeded workload for the sync round-trip and fault suites: many captured changes, written fast through
 * SQL on the real encrypted desk store (the capture triggers record them like any service write), in a
 * few big transactions. Every step changes exactly one row of a synced table, so N steps make N outbox
 * entries. The mix looks like a counselling room's year: staff, cases with their two parties, drafts
 * signed later, addenda, DV disclosures, referrals and their events, supervision items; updates bump
 * version and updated_at as the services do; soft deletes set deleted_at; and — where foreign keys allow
 * (rows nothing refers to) — hard DELETEs, so the capture's delete path reaches the county too. Text is
 * Chinese casework prose with quotes, newlines and a supplementary-plane character (𠮷).
 */

export interface Workload {
  /** Changes written (= outbox entries made). */
  changes: number;
  /** Rows removed for good, by table: the county must hold exactly these as deleted. */
  hardDeleted: Map<SyncedTableName, Set<string>>;
  steps: Record<'insert' | 'update' | 'softDelete' | 'hardDelete', number>;
}

export interface WorkloadOptions {
  changes: number;
  seed: number;
  /** origin_device of the rows. */
  origin: string;
  /** Steps per transaction (default 2,500). */
  perTransaction?: number;
}

type Step = 'insert' | 'update' | 'softDelete' | 'hardDelete';
type Trx = Transaction<DB>;

/** Insert weights by table (users are few, as in an office). */
const INSERT_WEIGHTS: [Table, number][] = [
  ['users', 0.6],
  ['cases', 18],
  ['case_parties', 18],
  ['counselling_records', 16],
  ['record_addenda', 10],
  ['dv_disclosures', 6],
  ['referrals', 10],
  ['referral_events', 11],
  ['supervision_items', 8],
];

/** One insert into `table`; false when its parents do not exist yet. */
async function insert(g: Generator, trx: Trx, table: Table): Promise<boolean> {
  const user = g.any('users');
  const kase = g.any('cases');
  if (table === 'users' || !user) {
    const row = g.synced();
    const role = g.pick(['counsellor', 'counsellor', 'volunteer', 'director'] as const);
    await trx
      .insertInto('users')
      .values({ ...row, username: `staff.${row.id}`, display_name: g.name(), role })
      .execute();
    g.add('users', row.id, []);
    return true;
  }
  if (table === 'cases' || !kase) {
    const row = g.synced();
    await trx
      .insertInto('cases')
      .values({
        ...row,
        case_number: g.nextCaseNumber(),
        type: g.pick(['divorce_adjustment', 'premarital', 'marital', 'family'] as const),
        received_date: g.day(),
        children: JSON.stringify(
          g.random() < 0.5 ? [] : [{ name: g.name(), age: 3 + Math.floor(g.random() * 12) }],
        ),
        reason_categories: JSON.stringify(['communication']),
        reason_text: g.note(),
        counsellor_id: user.id,
        created_by: user.id,
      })
      .execute();
    g.add('cases', row.id, [{ table: 'users', id: user.id }], { parties: new Set() });
    return true;
  }
  const row = g.synced();
  const toCase = [{ table: 'cases' as const, id: kase.id }];
  switch (table) {
    case 'case_parties': {
      const open = g.any('cases', (r) => !r.softDeleted && (r.parties?.size ?? 0) < 2);
      const party = (['party_a', 'party_b'] as const).find((p) => open && !open.parties?.has(p));
      if (!open || !party) return false;
      await trx
        .insertInto('case_parties')
        .values({
          ...row,
          case_id: open.id,
          party,
          name: g.name(),
          sex: party === 'party_a' ? 'male' : 'female',
          phone: `139${String(Math.floor(g.random() * 1e8)).padStart(8, '0')}`,
          address: g.pick(PLACES),
        })
        .execute();
      open.parties?.add(party);
      g.add('case_parties', row.id, [{ table: 'cases', id: open.id }], { caseId: open.id, party });
      return true;
    }
    case 'counselling_records':
      await trx
        .insertInto('counselling_records')
        .values({
          ...row,
          case_id: kase.id,
          status: 'draft',
          attendees: JSON.stringify(['party_a', 'party_b']),
          interview_notes: g.note(),
          created_by: user.id,
        })
        .execute();
      g.add('counselling_records', row.id, toCase, { caseId: kase.id, signed: false });
      return true;
    case 'record_addenda': {
      const record = g.any('counselling_records');
      if (!record?.caseId) return false;
      await trx
        .insertInto('record_addenda')
        .values({
          ...row,
          record_id: record.id,
          case_id: record.caseId,
          date: g.day(),
          author_id: user.id,
          text: g.note(),
        })
        .execute();
      g.add('record_addenda', row.id, [
        { table: 'counselling_records', id: record.id },
        { table: 'cases', id: record.caseId },
      ]);
      return true;
    }
    case 'dv_disclosures':
      await trx
        .insertInto('dv_disclosures')
        .values({
          ...row,
          case_id: kase.id,
          disclosed_by: 'party_b',
          disclosed_at: g.now(),
          recorded_by: user.id,
          facts: g.note(),
          risk_level: g.pick(['low', 'medium', 'high', 'severe'] as const),
          minors_involved: g.random() < 0.3 ? 1 : 0,
          victim_lacks_capacity: 0,
          help_info_given: 1,
        })
        .execute();
      g.add('dv_disclosures', row.id, [...toCase, { table: 'users', id: user.id }]);
      return true;
    case 'referrals': {
      const seq = g.nextRefSeq();
      await trx
        .insertInto('referrals')
        .values({
          ...row,
          case_id: kase.id,
          reference_number: `转介-2026-${String(seq).padStart(4, '0')}`,
          ref_year: 2026,
          ref_seq: seq,
          target: g.pick(['police', 'legal_aid', 'psychological', 'womens_federation'] as const),
          target_name: g.random() < 0.5 ? '明水派出所' : null,
          subject: g.pick(['party_a', 'party_b', 'both'] as const),
          reason: g.note(),
          consent_given: 1,
          status: 'created',
          expected_reply_date: g.day(),
          created_by: user.id,
        })
        .execute();
      g.add('referrals', row.id, [...toCase, { table: 'users', id: user.id }]);
      return true;
    }
    case 'referral_events': {
      const referral = g.any('referrals');
      if (!referral) return false;
      await trx
        .insertInto('referral_events')
        .values({
          ...row,
          referral_id: referral.id,
          status: 'sent',
          date: g.day(),
          note: g.note(),
          by_user: user.id,
        })
        .execute();
      g.add('referral_events', row.id, [
        { table: 'referrals', id: referral.id },
        { table: 'users', id: user.id },
      ]);
      return true;
    }
    case 'supervision_items':
      await trx
        .insertInto('supervision_items')
        .values({
          ...row,
          case_id: kase.id,
          kind: 'supervise',
          to_user_id: user.id,
          due_date: g.day(),
          instructions: `请跟进：${g.pick(NOTES)}`,
          status: 'open',
          created_by: user.id,
        })
        .execute();
      g.add('supervision_items', row.id, [...toCase, { table: 'users', id: user.id }]);
      return true;
  }
  return false;
}

/** The columns an update of `table` changes (always a new value, so the capture records it). */
function changes(g: Generator, table: Table, row: Row): Record<string, string | number> | null {
  switch (table) {
    case 'users':
      return { display_name: `${g.name()}${g.random().toFixed(6)}`, last_login_at: g.now() };
    case 'cases':
      return { reason_text: `${g.note()}（${g.now()}）`, risk_child: g.random() < 0.5 ? 1 : 0 };
    case 'case_parties':
      return { address: `${g.pick(PLACES)}（${g.now()}）`, occupation: '务农' };
    case 'counselling_records': {
      if (row.signed) return null;
      if (g.random() < 0.4) {
        row.signed = true;
        const user = g.any('users');
        return {
          status: 'signed',
          result: g.pick(['reconcile', 'postpone', 'divorce']),
          session_date: g.day(),
          half_day: 'am',
          channel: 'face_to_face',
          signed_by: user?.id ?? 'nobody',
          signed_at: g.now(),
        };
      }
      return { interview_notes: `${g.note()}\n——${g.now()}` };
    }
    case 'record_addenda':
      return { text: `${g.note()}（更正 ${g.now()}）` };
    case 'dv_disclosures':
      return { victim_wishes: `希望${g.pick(NOTES)}${g.now()}`, risk_level: g.pick(['medium', 'high']) };
    case 'referrals':
      return { status: g.pick(['sent', 'accepted', 'done']), target_name: `${g.pick(PLACES)}${g.now()}` };
    case 'referral_events':
      return { note: `${g.note()}${g.now()}` };
    case 'supervision_items':
      return { instructions: `请于本周内回复：${g.now()}` };
    default:
      return null;
  }
}

async function update(g: Generator, trx: Trx, table: Table): Promise<boolean> {
  const row = g.any(table, (r) => !r.softDeleted && !r.signed);
  const set = row ? changes(g, table, row) : null;
  if (!row || !set) return false;
  const assignments = Object.entries(set).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`UPDATE ${sql.table(table)} SET ${sql.join(assignments)}, version = version + 1,
    updated_at = ${g.now()} WHERE id = ${row.id}`.execute(trx);
  return true;
}

async function softDelete(g: Generator, trx: Trx, table: Table): Promise<boolean> {
  if (table === 'users') return false;
  const row = g.any(table);
  if (!row) return false;
  const at = g.now();
  await sql`UPDATE ${sql.table(table)} SET deleted_at = ${at}, version = version + 1, updated_at = ${at}
    WHERE id = ${row.id}`.execute(trx);
  row.softDeleted = true;
  return true;
}

/** A hard DELETE of a row nothing refers to (foreign keys would refuse the others). */
async function hardDelete(g: Generator, trx: Trx, table: Table): Promise<boolean> {
  if (table === 'users') return false;
  const row = g.any(table, (r) => r.dependents === 0);
  if (!row) return false;
  await sql`DELETE FROM ${sql.table(table)} WHERE id = ${row.id}`.execute(trx);
  g.remove(table, row.id);
  for (const p of row.parents) {
    const parent = g.get(p.table, p.id);
    if (parent) parent.dependents -= 1;
  }
  // The party's slot on its case is free again (UNIQUE (case_id, party)).
  if (row.caseId && row.party) g.get('cases', row.caseId)?.parties?.delete(row.party);
  let set = g.hardDeleted.get(table);
  if (!set) {
    set = new Set();
    g.hardDeleted.set(table, set);
  }
  set.add(row.id);
  return true;
}

function weighted<T>(random: () => number, items: readonly [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let x = random() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

const STEP_WEIGHTS: [Step, number][] = [
  ['insert', 52],
  ['update', 37],
  ['softDelete', 5],
  ['hardDelete', 6],
];

/** Writes `options.changes` captured changes; see the file comment. */
export async function writeWorkload(db: Kysely<DB>, options: WorkloadOptions): Promise<Workload> {
  const g = new Generator(seededRandom(options.seed), options.origin);
  const steps: Workload['steps'] = { insert: 0, update: 0, softDelete: 0, hardDelete: 0 };
  const per = options.perTransaction ?? 2_500;
  let done = 0;
  while (done < options.changes) {
    const end = Math.min(options.changes, done + per);
    await db.transaction().execute(async (trx) => {
      while (done < end) {
        const step = weighted(g.random, STEP_WEIGHTS);
        const table = weighted(g.random, INSERT_WEIGHTS);
        const wrote =
          step === 'insert'
            ? await insert(g, trx, table)
            : step === 'update'
              ? await update(g, trx, table)
              : step === 'softDelete'
                ? await softDelete(g, trx, table)
                : await hardDelete(g, trx, table);
        if (!wrote) continue;
        steps[step] += 1;
        done += 1;
      }
    });
  }
  return { changes: done, hardDeleted: g.hardDeleted, steps };
}
