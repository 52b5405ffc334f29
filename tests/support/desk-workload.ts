import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import { SYNCED_TABLES, type SyncedTableName } from '../../src/main/sync/sync.table';
import { Generator, NOTES, PLACES, seededRandom, type Row, type Table } from './workload-generator';

/*
 * A seeded workload for the sync round-trip and fault suites: many captured changes, written fast through
 * SQL on the real encrypted desk store (the capture triggers record them like any service write), in a
 * few big transactions. Every step changes exactly one row of a synced table (the outbox folds repeated
 * changes of a row not yet sealed, migration 0009, so N steps make at most N outbox entries). The mix
 * looks like a counselling room's year: staff, cases with their two parties, drafts
 * signed later, addenda, DV disclosures, referrals and their events, supervision items; and the aftercare
 * of migration 0008 (the second half of this file): volunteers with certificates, training and
 * evaluations, family archives with their cases, members and help links, follow-up plans whose visits are
 * scheduled one at a time and then recorded or cancelled, outreach events and their speakers. Updates
 * bump version and updated_at as the services do; soft deletes set deleted_at (and, on the 0008 tables,
 * deleted_reason with it); and — where foreign keys allow (rows nothing refers to) — hard DELETEs, so the
 * capture's delete path reaches the county too. Text is Chinese casework prose with quotes, newlines and
 * a supplementary-plane character (𠮷).
 */

export interface Workload {
  /** Changes written (at most this many outbox entries: a row's unsealed changes are coalesced). */
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

/**
 * Weights by table, for every kind of step (users are few, as in an office). Casework is about three
 * quarters of the writes, aftercare (follow-up visits above all) the rest.
 */
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
  ['volunteers', 1],
  ['volunteer_certificates', 1.5],
  ['volunteer_trainings', 2],
  ['volunteer_evaluations', 1.5],
  ['families', 4],
  ['family_cases', 3],
  ['family_members', 4],
  ['family_help_links', 2],
  ['followup_plans', 3],
  ['followup_visits', 8],
  ['outreach_events', 2],
  ['outreach_event_speakers', 2.5],
];

/** The tables of migration 0008: removing a row keeps a reason (deleted_reason with deleted_at). */
const AFTERCARE: ReadonlySet<Table> = new Set<Table>(
  SYNCED_TABLES.slice(SYNCED_TABLES.indexOf('volunteers')),
);

const phone = (g: Generator) => `139${String(Math.floor(g.random() * 1e8)).padStart(8, '0')}`;

/** One insert into `table`; false when its parents do not exist yet. */
async function insert(g: Generator, trx: Trx, table: Table): Promise<boolean> {
  const user = g.any('users');
  if (user && AFTERCARE.has(table)) return insertAftercare(g, trx, table, user.id);
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
          phone: phone(g),
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

type Changes = Record<string, string | number | null>;

/** The columns an update of `table` changes (always a new value, so the capture records it). */
function changes(g: Generator, table: Table, row: Row): Changes | null {
  if (AFTERCARE.has(table)) return aftercareChanges(g, table, row);
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
  const reason = AFTERCARE.has(table) ? sql`, deleted_reason = ${g.pick(DELETED_REASONS)}` : sql``;
  await sql`UPDATE ${sql.table(table)} SET deleted_at = ${at}${reason}, version = version + 1,
    updated_at = ${at} WHERE id = ${row.id}`.execute(trx);
  row.softDeleted = true;
  release(g, table, row);
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
  release(g, table, row);
  let set = g.hardDeleted.get(table);
  if (!set) {
    set = new Set();
    g.hardDeleted.set(table, set);
  }
  set.add(row.id);
  return true;
}

// ── aftercare (migration 0008) ─────────────────────────────────────────────────────────────────────

const DELETED_REASONS = ['录入重复', '当事人要求删除', '登记错误，已重新录入'];
const PROFESSIONS = ['lawyer', 'psychological_counsellor', 'social_worker', 'teacher', 'other'] as const;
const TOPICS = ['婚姻家庭辅导实务', '民法典婚姻家庭编', '家庭暴力识别与转介', '保密与伦理'];
const MET_WHOM = ['双方', '女方', '男方及孩子', '老人和孩子'];
const RELATIONS = { spouse: '配偶', child: '子女', elder: '父母', other: '亲属' } as const;

/** A done visit's record: its required fields together, now and then a safety concern. */
function visitRecord(g: Generator, userId: string) {
  const concern = g.random() < 0.15;
  return {
    status: 'done' as const,
    visit_date: g.day(),
    channel: g.pick(['face_to_face', 'voice', 'text'] as const),
    duration_minutes: 10 + Math.floor(g.random() * 80),
    met_whom: g.pick(MET_WHOM),
    marriage_status: g.pick(['stable', 'improving', 'strained', 'separated'] as const),
    problems: g.note(),
    help_given: g.note(),
    next_step: '下次回访继续关注孩子情况',
    safety_concern: concern ? (1 as const) : (0 as const),
    safety_note: concern ? g.note() : null,
    recorded_by: userId,
    recorded_at: g.now(),
  };
}

/** A recorded visit's bookkeeping status: 'concern' until its safety concern is acknowledged. */
const recordedStatus = (record: { safety_concern: 0 | 1 }) => (record.safety_concern ? 'concern' : 'done');

/** One insert into a 0008 table; false when its parents do not exist yet. */
async function insertAftercare(g: Generator, trx: Trx, table: Table, userId: string): Promise<boolean> {
  const row = g.synced();
  const byUser = [{ table: 'users' as const, id: userId }];
  const volunteer = g.any('volunteers', (r) => !r.softDeleted && r.status !== 'inactive');
  const family = g.any('families');
  const ofVolunteer = volunteer ? [{ table: 'volunteers' as const, id: volunteer.id }] : [];
  const ofFamily = family ? [{ table: 'families' as const, id: family.id }] : [];
  switch (table) {
    case 'volunteers': {
      const profession = g.pick(PROFESSIONS);
      await trx
        .insertInto('volunteers')
        .values({
          ...row,
          name: g.name(),
          sex: g.pick(['male', 'female', null] as const),
          phone: phone(g),
          profession,
          profession_other: profession === 'other' ? '退休干部' : null,
          qualified: g.random() < 0.8 ? 1 : 0,
          pledge_signed_date: g.random() < 0.7 ? g.day() : null,
          active: 1,
          notes: g.random() < 0.3 ? g.note() : null,
          created_by: userId,
        })
        .execute();
      g.add('volunteers', row.id, byUser);
      return true;
    }
    case 'volunteer_certificates':
      if (!volunteer) return false;
      await trx
        .insertInto('volunteer_certificates')
        .values({
          ...row,
          volunteer_id: volunteer.id,
          name: '心理咨询师证书',
          number: `ZS-${row.id.slice(-8)}`,
          expires_on: g.random() < 0.8 ? g.day() : null,
        })
        .execute();
      g.add(table, row.id, ofVolunteer);
      return true;
    case 'volunteer_trainings':
      if (!volunteer) return false;
      await trx
        .insertInto('volunteer_trainings')
        .values({ ...row, volunteer_id: volunteer.id, date: g.day(), topic: g.pick(TOPICS), hours: 2.5 })
        .execute();
      g.add(table, row.id, ofVolunteer);
      return true;
    case 'volunteer_evaluations':
      if (!volunteer) return false;
      await trx
        .insertInto('volunteer_evaluations')
        .values({
          ...row,
          volunteer_id: volunteer.id,
          date: g.day(),
          score: 60 + Math.floor(g.random() * 41),
          evaluator: g.name(),
          notes: g.random() < 0.5 ? g.note() : null,
        })
        .execute();
      g.add(table, row.id, ofVolunteer);
      return true;
    case 'families': {
      const seq = g.nextArchiveSeq();
      await trx
        .insertInto('families')
        .values({
          ...row,
          archive_number: `JT-2026-${String(seq).padStart(5, '0')}`,
          archive_year: 2026,
          archive_seq: seq,
          name: `${g.name()}家庭`,
          focus: g.pick(['marriage', 'children_elderly'] as const),
          result: g.pick(['reconcile', 'postpone', null] as const),
          needs: g.note(),
          safety_notes: g.random() < 0.2 ? g.note() : null,
          counsellor_id: userId,
          status: 'open',
          created_by: userId,
        })
        .execute();
      g.add('families', row.id, byUser, { status: 'open' });
      return true;
    }
    case 'family_cases': {
      const kase = g.any('cases', (r) => !r.softDeleted && !r.familyLink);
      if (!family || !kase) return false;
      await trx
        .insertInto('family_cases')
        .values({ ...row, family_id: family.id, case_id: kase.id, linked_by: userId })
        .execute();
      kase.familyLink = row.id;
      g.add(table, row.id, [...ofFamily, { table: 'cases', id: kase.id }], { caseId: kase.id });
      return true;
    }
    case 'family_members': {
      if (!family) return false;
      const kind = g.pick(['spouse', 'child', 'child', 'elder', 'other'] as const);
      await trx
        .insertInto('family_members')
        .values({
          ...row,
          family_id: family.id,
          kind,
          relation: RELATIONS[kind],
          name: g.name(),
          birth_year:
            kind === 'child' ? 2010 + Math.floor(g.random() * 15) : 1950 + Math.floor(g.random() * 45),
          situation: g.random() < 0.5 ? g.note() : null,
        })
        .execute();
      g.add(table, row.id, ofFamily);
      return true;
    }
    case 'family_help_links':
      if (!family) return false;
      await trx
        .insertInto('family_help_links')
        .values({
          ...row,
          family_id: family.id,
          kind: g.pick(['contact', 'programme'] as const),
          helper_name: `${g.pick(PLACES).slice(0, 3)}妇联`,
          contact: phone(g),
          status: 'linked',
          start_date: g.day(),
        })
        .execute();
      g.add(table, row.id, ofFamily, { status: 'linked' });
      return true;
    case 'followup_plans': {
      if (!family) return false;
      const kase = g.random() < 0.7 ? g.any('cases') : undefined;
      const withVolunteer = g.random() < 0.6 ? volunteer : undefined;
      await trx
        .insertInto('followup_plans')
        .values({
          ...row,
          family_id: family.id,
          case_id: kase?.id ?? null,
          result: g.pick(['reconcile', 'postpone', 'divorce'] as const),
          focus: g.pick(['marriage', 'children_elderly'] as const),
          start_date: g.day(),
          months: JSON.stringify([1, 3, 6, 12]),
          volunteer_id: withVolunteer?.id ?? null,
          status: 'active',
          created_by: userId,
        })
        .execute();
      const parents = [
        ...ofFamily,
        ...(kase ? [{ table: 'cases' as const, id: kase.id }] : []),
        ...(withVolunteer ? [{ table: 'volunteers' as const, id: withVolunteer.id }] : []),
      ];
      g.add(table, row.id, parents, { familyId: family.id, count: 0, status: 'active' });
      return true;
    }
    case 'followup_visits': {
      const plan = g.any('followup_plans');
      if (!plan?.familyId) return false;
      plan.count = (plan.count ?? 0) + 1;
      // The plan's next visit is scheduled; while one is open, an earlier visit is recorded after the fact.
      const record = plan.openVisit ? visitRecord(g, userId) : undefined;
      await trx
        .insertInto('followup_visits')
        .values({
          ...row,
          plan_id: plan.id,
          family_id: plan.familyId,
          counsellor_id: userId,
          seq: plan.count,
          due_date: g.day(),
          volunteer_id: volunteer?.id ?? null,
          ...(record ?? { status: 'scheduled', safety_concern: 0 }),
        })
        .execute();
      if (!record) plan.openVisit = row.id;
      const parents = [
        { table: 'followup_plans' as const, id: plan.id },
        { table: 'families' as const, id: plan.familyId },
        ...ofVolunteer,
      ];
      const status = record ? recordedStatus(record) : 'scheduled';
      g.add(table, row.id, parents, { planId: plan.id, status });
      return true;
    }
    case 'outreach_events': {
      const type = g.pick([
        'premarital_training',
        'happiness_class',
        'civil_code_promotion',
        'other',
      ] as const);
      await trx
        .insertInto('outreach_events')
        .values({
          ...row,
          type,
          type_other: type === 'other' ? '社区家庭讲座' : null,
          date: g.day(),
          place: g.pick(PLACES),
          topic: g.pick(TOPICS),
          duration_hours: 1.5,
          attendee_count: Math.floor(g.random() * 120),
          notes: g.random() < 0.3 ? g.note() : null,
          created_by: userId,
        })
        .execute();
      g.add(table, row.id, byUser, { count: 0 });
      return true;
    }
    case 'outreach_event_speakers': {
      const event = g.any('outreach_events');
      if (!event) return false;
      event.count = (event.count ?? 0) + 1;
      const speaker = g.random() < 0.6 ? volunteer : undefined;
      await trx
        .insertInto('outreach_event_speakers')
        .values({
          ...row,
          event_id: event.id,
          position: event.count,
          volunteer_id: speaker?.id ?? null,
          name: g.name(),
        })
        .execute();
      const parents = [
        { table: 'outreach_events' as const, id: event.id },
        ...(speaker ? [{ table: 'volunteers' as const, id: speaker.id }] : []),
      ];
      g.add(table, row.id, parents);
      return true;
    }
  }
  return false;
}

/**
 * An update of a 0008 row, following its status: volunteers leave and come back, archives close and
 * reopen, help links progress, plans pause and close, an open visit is recorded or cancelled (freeing its
 * plan for the next) or moved, a safety concern is acknowledged. Foreign keys set here name users only
 * (never deleted), so the dependents bookkeeping stays true.
 */
function aftercareChanges(g: Generator, table: Table, row: Row): Changes | null {
  const userId = g.any('users')?.id ?? 'nobody';
  const stamp = g.now();
  switch (table) {
    case 'volunteers':
      if (row.status === 'inactive') {
        row.status = undefined;
        return { active: 1, inactive_reason: null };
      }
      if (g.random() < 0.15) {
        row.status = 'inactive';
        return { active: 0, inactive_reason: '外出务工，暂停服务' };
      }
      return { phone: phone(g), pledge_signed_date: stamp.slice(0, 10) };
    case 'volunteer_certificates':
      return { expires_on: stamp.slice(0, 10), number: `ZS-${stamp}` };
    case 'volunteer_trainings':
      return { topic: `${g.pick(TOPICS)}（${stamp}）`, hours: 0.5 + Math.floor(g.random() * 8) / 2 };
    case 'volunteer_evaluations':
      return { notes: `${g.note()}${stamp}`, score: Math.floor(g.random() * 101) };
    case 'families':
      if (row.status === 'closed') {
        row.status = 'open';
        return { status: 'open', closed_at: null, closed_reason: null };
      }
      if (g.random() < 0.2) {
        row.status = 'closed';
        return { status: 'closed', closed_at: stamp, closed_reason: '回访结束，家庭关系稳定' };
      }
      return { needs: `${g.note()}${stamp}` };
    case 'family_cases':
      return { linked_by: userId };
    case 'family_members':
      return { situation: `${g.note()}${stamp}` };
    case 'family_help_links': {
      const next = { linked: 'in_progress', in_progress: g.pick(['completed', 'ended']) }[row.status ?? ''];
      if (!next) return { notes: `${g.note()}${stamp}` };
      row.status = next;
      return next === 'in_progress' ? { status: next } : { status: next, end_date: stamp.slice(0, 10) };
    }
    case 'followup_plans':
      if (row.status === 'closed') return { status_reason: `已结束（${stamp}）` };
      if (g.random() < 0.15) {
        row.status = 'closed';
        return { status: 'closed', close_cause: g.pick(['completed', 'by_user']), status_reason: null };
      }
      row.status = row.status === 'paused' ? 'active' : 'paused';
      return { status: row.status, status_reason: row.status === 'paused' ? '家庭外出务工' : null };
    case 'followup_visits':
      return visitChanges(g, row, userId, stamp);
    case 'outreach_events':
      return { attendee_count: Math.floor(g.random() * 200), notes: `${g.note()}${stamp}` };
    case 'outreach_event_speakers':
      return { name: `${g.name()}${stamp.slice(-8)}` };
    default:
      return null;
  }
}

function visitChanges(g: Generator, row: Row, userId: string, stamp: string): Changes {
  if (row.status === 'concern') {
    row.status = 'done';
    return { safety_acknowledged_at: stamp, safety_acknowledged_by: userId };
  }
  if (row.status !== 'scheduled') return { next_step: `${g.note()}${stamp}` };
  const x = g.random();
  if (x < 0.3) return { due_date: stamp.slice(0, 10) };
  release(g, 'followup_visits', row);
  if (x >= 0.9) {
    row.status = 'cancelled';
    return { status: 'cancelled', next_step: '家庭已搬离' };
  }
  const record = visitRecord(g, userId);
  row.status = recordedStatus(record);
  return record;
}

/** What a removed row held for others: its case's family slot, its plan's one open visit. */
function release(g: Generator, table: Table, row: Row): void {
  if (table === 'family_cases' && row.caseId) {
    const kase = g.get('cases', row.caseId);
    if (kase?.familyLink === row.id) kase.familyLink = undefined;
  }
  if (table === 'followup_visits' && row.planId) {
    const plan = g.get('followup_plans', row.planId);
    if (plan?.openVisit === row.id) plan.openVisit = undefined;
  }
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
