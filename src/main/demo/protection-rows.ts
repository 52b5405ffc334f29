import { uuidv7 } from '../desk';
import {
  DV_FACTS,
  DV_INJURIES,
  DV_WISHES,
  REFERRAL_NOTES,
  REFERRAL_REASONS,
  REFERRAL_TARGET_NAMES,
  SUPERVISE_CLOSE_NOTES,
  SUPERVISE_INSTRUCTIONS,
} from './aftercare-prose';
import type { CasePlan } from './case-plan';
import type { CaseNumbering } from './case-rows';
import type { Random } from './random';
import type { DemoWorld } from './world';
import type { RowWriter } from './writer';

/*
 * A case's DV disclosure, referrals (with their events) and supervision items, as the dv, referrals and
 * supervision services write them. Referral reference numbers (ZJ-{year}-{seq}) come from the planning
 * pass, which numbered every referral of the desk in creation order.
 */

const REPORTED_TO = ['明水派出所', '双山派出所', '绣惠派出所', '章丘区公安分局'];

export function writeProtection(
  w: RowWriter,
  t: Random,
  plan: CasePlan,
  { caseId, referralSeqs }: { caseId: string; referralSeqs: readonly number[] },
  numbering: CaseNumbering,
  world: Pick<DemoWorld, 'origin' | 'director'>,
): void {
  const counsellor = plan.counsellorId;
  const origin = world.origin;
  let dvId: string | null = null;
  const dv = plan.dv;
  if (dv) {
    dvId = uuidv7(new Date(dv.at));
    const steps = [
      dv.warning?.at,
      dv.order?.at,
      dv.report && dv.report.at > dv.at ? dv.report.at : undefined,
    ];
    const updates = steps.filter((s): s is string => s !== undefined);
    const warningYear = dv.warning?.date.slice(0, 4);
    const orderYear = dv.order?.issued.slice(0, 4);
    w.insert('dv_disclosures', {
      id: dvId,
      case_id: caseId,
      disclosed_by: dv.disclosedBy,
      disclosed_by_name: dv.disclosedBy === 'other' ? t.pick(['女方母亲', '邻居', '村妇联主任']) : null,
      disclosed_at: dv.date,
      recorded_by: counsellor,
      facts: t.pick(DV_FACTS),
      injuries_evidence: dv.injuries ? t.pick(DV_INJURIES) : null,
      risk_level: dv.riskLevel,
      victim_wishes: dv.wishes ? t.pick(DV_WISHES) : null,
      minors_involved: dv.minors ? 1 : 0,
      victim_lacks_capacity: dv.lacksCapacity ? 1 : 0,
      help_info_given: dv.helpInfo ? 1 : 0,
      warning_letter_number: dv.warning
        ? `章公(明)告字〔${warningYear}〕${numbering.next(`GJ${warningYear}`)}号`
        : null,
      warning_letter_issued_at: dv.warning?.date ?? null,
      protection_order_number: dv.order
        ? `（${orderYear}）鲁0114民保令${numbering.next(`BHL${orderYear}`)}号`
        : null,
      protection_order_issued_at: dv.order?.issued ?? null,
      protection_order_expires_at: dv.order?.expires ?? null,
      mandatory_report_at: dv.report?.date ?? null,
      mandatory_report_to: dv.report ? t.pick(REPORTED_TO) : null,
      mandatory_report_reference:
        dv.report && t.chance(0.6) ? `强报${dv.report.date.slice(0, 4)}-${t.digits(4)}` : null,
      mandatory_report_recorded_by: dv.report ? counsellor : null,
      created_at: dv.at,
      updated_at: updates.reduce((max, at) => (at > max ? at : max), dv.at),
      origin_device: origin,
      version: 1 + updates.length,
      deleted_at: null,
    });
  }

  plan.referrals.forEach((ref, k) => {
    const id = uuidv7(new Date(ref.createdAt));
    const seq = referralSeqs[k];
    if (seq === undefined) throw new Error('a referral the planning pass did not number');
    const year = Number(ref.createdDate.slice(0, 4));
    const last = ref.events.at(-1) ?? ref.events[0];
    w.insert('referrals', {
      id,
      case_id: caseId,
      dv_disclosure_id: ref.dvLinked ? dvId : null,
      reference_number: `ZJ-${year}-${String(seq).padStart(5, '0')}`,
      ref_year: year,
      ref_seq: seq,
      target: ref.target,
      target_name: t.chance(0.7) ? t.pick(REFERRAL_TARGET_NAMES[ref.target]) : null,
      subject: ref.subject,
      reason: t.pick(REFERRAL_REASONS[ref.target]),
      consent_given: ref.consent ? 1 : 0,
      no_consent_reason: ref.consent
        ? null
        : t.pick(['当事人处于紧急危险中，先行转介', '涉及未成年人安全，依法转介']),
      status: last?.status ?? 'created',
      expected_reply_date: ref.expected,
      created_by: counsellor,
      created_at: ref.createdAt,
      updated_at: last?.at ?? ref.createdAt,
      origin_device: origin,
      version: ref.events.length,
      deleted_at: null,
    });
    for (const e of ref.events) {
      w.insert('referral_events', {
        id: uuidv7(new Date(e.at)),
        referral_id: id,
        status: e.status,
        date: e.date,
        note: e.status === 'created' || !t.chance(0.7) ? null : t.pick(REFERRAL_NOTES[e.status]),
        by_user: counsellor,
        created_at: e.at,
        updated_at: e.at,
        origin_device: origin,
        version: 1,
        deleted_at: null,
      });
    }
  });

  for (const item of plan.supervision) {
    w.insert('supervision_items', {
      id: uuidv7(new Date(item.createdAt)),
      case_id: caseId,
      kind: item.kind,
      to_user_id: item.toUserId,
      to_station: null,
      from_user_id: item.fromUserId,
      due_date: item.dueDate,
      instructions: item.kind === 'assign' ? '请接手本案并跟进辅导。' : t.pick(SUPERVISE_INSTRUCTIONS),
      status: item.closed ? 'done' : 'open',
      created_by: world.director.id,
      closed_by: item.closed?.byUserId ?? null,
      closed_at: item.closed?.at ?? null,
      close_note: item.closed ? t.pick(SUPERVISE_CLOSE_NOTES) : null,
      created_at: item.createdAt,
      updated_at: item.closed?.at ?? item.createdAt,
      origin_device: origin,
      version: item.closed ? 2 : 1,
      deleted_at: null,
    });
  }
}
