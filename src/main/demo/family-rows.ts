import { focusOfResult } from '../../shared/followups';
import { LABELS, labelOf } from '../../shared/i18n';
import { uuidv7 } from '../desk';
import {
  CHILDREN_WELLBEING,
  ELDERLY,
  FAMILY_CLOSE_REASONS,
  FAMILY_NEEDS,
  FAMILY_SAFETY,
  HELP_GIVEN,
  HELP_PROGRAMMES,
  helperName,
  MET_WHOM,
  NEXT_STEP,
  PLAN_PAUSE_REASONS,
  PROBLEMS,
  SAFETY_NOTES,
} from './aftercare-prose';
import type { CasePlan } from './case-plan';
import type { WrittenCase } from './case-rows';
import type { FollowPlan, VisitPlan } from './family-plan';
import { mobile, personName } from './people';
import type { Random } from './random';
import type { RowWriter } from './writer';

/*
 * The family archive of a case as families.openFromCase writes it — the archive (named after the
 * spouses), its members (丈夫 / 妻子 and the children, ages kept as birth years), the case link — then
 * the 一果一联 help link, and the follow-up plan with its visits as the follow-ups services leave them.
 */

export interface FamilyTally {
  members: number;
  visitsDone: number;
}

const removable = (at: string, updated: string, version: number, origin: string) =>
  ({
    created_at: at,
    updated_at: updated,
    origin_device: origin,
    version,
    deleted_at: null,
    deleted_reason: null,
  }) as const;

export function writeFamily(
  w: RowWriter,
  t: Random,
  plan: CasePlan,
  written: WrittenCase,
  archiveSeq: number,
  origin: string,
): FamilyTally {
  const f = plan.family;
  if (!f) return { members: 0, visitsDone: 0 };
  const counsellor = plan.counsellorId;
  const id = uuidv7(new Date(f.at));
  const year = Number(f.date.slice(0, 4));
  w.insert('families', {
    id,
    archive_number: `JT-${year}-${String(archiveSeq).padStart(5, '0')}`,
    archive_year: year,
    archive_seq: archiveSeq,
    name: `${written.partyNames.join('、')}家庭`.slice(0, 40),
    focus: focusOfResult(f.result),
    result: f.result,
    needs: f.needs ? t.sample(FAMILY_NEEDS, t.int(1, 2)).join('；') : null,
    safety_notes: plan.dv ? t.pick(FAMILY_SAFETY) : null,
    counsellor_id: counsellor,
    status: f.closed ? 'closed' : 'open',
    closed_reason: f.closed ? t.pick(FAMILY_CLOSE_REASONS) : null,
    closed_at: f.closed?.at ?? null,
    created_by: counsellor,
    ...removable(f.at, f.closed?.at ?? f.at, f.closed ? 2 : 1, origin),
  });
  w.insert('family_cases', {
    id: uuidv7(new Date(f.at)),
    family_id: id,
    case_id: written.id,
    linked_by: counsellor,
    ...removable(f.at, f.at, 1, origin),
  });
  let members = 0;
  plan.parties.forEach((p, i) => {
    w.insert('family_members', {
      id: uuidv7(new Date(f.at)),
      family_id: id,
      kind: 'spouse',
      relation: p.sex === 'male' ? '丈夫' : '妻子',
      name: written.partyNames[i] ?? '',
      // The service keeps the age the case gives (its birth date) as a birth year.
      birth_year: p.document === 'resident_id' ? Number(p.birthDate.slice(0, 4)) : null,
      situation: null,
      ...removable(f.at, f.at, 1, origin),
    });
    members++;
  });
  plan.children.forEach((c, i) => {
    w.insert('family_members', {
      id: uuidv7(new Date(f.at)),
      family_id: id,
      kind: 'child',
      relation: '子女',
      name: `子女${i + 1}`,
      birth_year: year - c.age,
      situation: `随${labelOf(LABELS.livesWith, c.livesWith, 'zh-CN')}生活`,
      ...removable(f.at, f.at, 1, origin),
    });
    members++;
  });
  if (f.helpLink) {
    const contact = f.helpLink.kind === 'contact';
    w.insert('family_help_links', {
      id: uuidv7(new Date(f.at)),
      family_id: id,
      kind: f.helpLink.kind,
      helper_name: contact ? helperName(t, personName(t, 'female')) : t.pick(HELP_PROGRAMMES),
      contact: contact ? mobile(t) : null,
      status: f.helpLink.status,
      start_date: f.helpLink.start,
      end_date: f.helpLink.end,
      notes: null,
      ...removable(f.at, f.at, 1, origin),
    });
  }
  const visitsDone = f.plan
    ? writePlan(w, t, plan, f.plan, { familyId: id, caseId: written.id, at: f.at, origin })
    : 0;
  return { members, visitsDone };
}

function writePlan(
  w: RowWriter,
  t: Random,
  c: CasePlan,
  p: FollowPlan,
  { familyId, caseId, at, origin }: { familyId: string; caseId: string; at: string; origin: string },
): number {
  const id = uuidv7(new Date(at));
  const family = c.family;
  if (!family) return 0;
  const changes = [p.assignedAt, p.statusAt].filter((x): x is string => x !== null);
  w.insert('followup_plans', {
    id,
    family_id: familyId,
    case_id: caseId,
    result: family.result,
    focus: p.focus,
    start_date: family.resultDate,
    months: JSON.stringify(p.months),
    volunteer_id: p.volunteer?.id ?? null,
    status: p.status,
    status_reason: p.status === 'paused' ? t.pick(PLAN_PAUSE_REASONS) : null,
    close_cause: p.status === 'closed' ? 'completed' : null,
    created_by: c.counsellorId,
    ...removable(
      at,
      changes.reduce((max, x) => (x > max ? x : max), at),
      1 + changes.length,
      origin,
    ),
  });
  let done = 0;
  for (const v of p.visits) {
    writeVisit(w, t, c, p, v, { planId: id, familyId, origin, last: v.seq === p.months.length });
    if (v.done) done++;
  }
  return done;
}

function writeVisit(
  w: RowWriter,
  t: Random,
  c: CasePlan,
  p: FollowPlan,
  v: VisitPlan,
  ids: { planId: string; familyId: string; origin: string; last: boolean },
): void {
  const d = v.done;
  // The first visit opens with the plan and gets its volunteer when one is assigned; later ones open with it.
  const changes = [
    v.seq === 1 ? p.assignedAt : null,
    d?.recordedAt ?? null,
    d?.concern?.acknowledgedAt ?? null,
    v.status === 'on_hold' ? p.statusAt : null,
  ].filter((x): x is string => x !== null);
  const recorder = p.volunteer?.userId ?? c.counsellorId;
  w.insert('followup_visits', {
    id: uuidv7(new Date(v.createdAt)),
    plan_id: ids.planId,
    family_id: ids.familyId,
    counsellor_id: c.counsellorId,
    seq: v.seq,
    due_date: v.due,
    status: v.status,
    volunteer_id: p.volunteer?.id ?? null,
    visit_date: d?.date ?? null,
    channel: d?.channel ?? null,
    duration_minutes: d?.minutes ?? null,
    met_whom: d ? t.pick(MET_WHOM) : null,
    marriage_status: d?.marriageStatus ?? null,
    children_wellbeing: d && c.children.length > 0 ? t.pick(CHILDREN_WELLBEING) : null,
    elderly: d && t.chance(0.4) ? t.pick(ELDERLY) : null,
    problems: d && t.chance(0.8) ? t.pick(PROBLEMS) : null,
    help_given: d && t.chance(0.6) ? t.pick(HELP_GIVEN) : null,
    next_step: d && !ids.last && t.chance(0.7) ? t.pick(NEXT_STEP) : null,
    safety_concern: d?.concern ? 1 : 0,
    safety_note: d?.concern ? t.pick(SAFETY_NOTES) : null,
    safety_acknowledged_at: d?.concern?.acknowledgedAt ?? null,
    safety_acknowledged_by: d?.concern?.acknowledgedAt ? c.counsellorId : null,
    recorded_by: d ? recorder : null,
    recorded_at: d?.recordedAt ?? null,
    ...removable(
      v.createdAt,
      changes.reduce((max, x) => (x > max ? x : max), v.createdAt),
      1 + changes.length,
      ids.origin,
    ),
  });
}
