import { localDateAt } from '../../shared/calendar';
import type { Child } from '../../shared/cases';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import type { FamilyDetail, FamilySummary, MemberInput } from '../../shared/families';
import { ageFromBirthYear, birthYearFromAge, focusOfResult, isVisitOverdue } from '../../shared/followups';
import { LABELS, labelOf } from '../../shared/i18n';
import type { SessionUser } from '../../shared/users';
import { actorOf, appendAudit } from '../audit';
import { findVisibleCaseOrThrow, loadParties, type CaseRow } from '../cases';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import {
  closePlansOf,
  createPlanFor,
  findVisibleFamilyOrThrow,
  membersOf,
  planBasisForCase,
  planRuleFor,
  plansOfFamilyView,
  type FamilyRow,
} from '../followups';
import { latestSignedOutcome } from '../records';
import { displayNames, userRef } from '../users';
import { volunteerNames } from '../volunteers';
import {
  belongsTo,
  casesOfFamily,
  familyLinkOfCase,
  familyListPage,
  filteredFamilies,
  findHelpLink,
  findMember,
  helpLinksOf,
  insertFamily,
  insertFamilyCase,
  insertHelpLink,
  insertMember,
  nextArchiveNumber,
  nextVisitsOf,
  removeFamilyRow,
  updateFamily,
  updateHelpLink,
  updateMember,
} from './families.repository';

/*
 * Family archives (家庭档案, docs/domain.md "Family archives"): opened from a case once it has a signed
 * result (members from its parties and children, focus from the result, a follow-up plan when the rules
 * call for one) or by hand. A closed archive changes no more until reopened; closing it closes its plans.
 * Audit details carry ids and codes only — never a name or a typed reason (those stay in the rows).
 */

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────

export async function familyDetail(
  db: Db,
  user: SessionUser,
  family: FamilyRow,
  now: Date,
): Promise<FamilyDetail> {
  const today = localDateAt(now);
  const [members, links, cases, plans, names] = await Promise.all([
    membersOf(db, family.id),
    helpLinksOf(db, family.id),
    casesOfFamily(db, user, family.id),
    plansOfFamilyView(db, family.id, today),
    displayNames(db, [family.counsellor_id]),
  ]);
  return {
    id: family.id,
    archiveNumber: family.archive_number,
    name: family.name,
    status: family.status,
    closedReason: family.closed_reason,
    focus: family.focus,
    result: family.result,
    needs: family.needs,
    safetyNotes: family.safety_notes,
    counsellor: userRef(names, family.counsellor_id),
    members: members.map((m) => ({
      id: m.id,
      kind: m.kind,
      relation: m.relation,
      name: m.name,
      age: ageFromBirthYear(m.birth_year, today),
      situation: m.situation,
    })),
    helpLinks: links.map((l) => ({
      id: l.id,
      kind: l.kind,
      helperName: l.helper_name,
      contact: l.contact,
      status: l.status,
      startDate: l.start_date,
      endDate: l.end_date,
      notes: l.notes,
    })),
    cases: cases.map((c) => ({
      id: c.id,
      caseNumber: c.case_number,
      type: c.type,
      receivedDate: c.received_date,
      registrationStatus: c.registration_status,
      result: c.result,
    })),
    plans,
    version: family.version,
    createdAt: family.created_at,
    updatedAt: family.updated_at,
    today,
  };
}

export async function getFamily(
  db: Db,
  user: SessionUser,
  familyId: string,
  now: Date,
): Promise<FamilyDetail> {
  return familyDetail(db, user, await findVisibleFamilyOrThrow(db, user, familyId), now);
}

/** 'families.list': most recently changed first, paged, with the next visit of each. */
export async function listFamilies(
  db: Db,
  user: SessionUser,
  f: ChannelParsed<'families.list'>,
  now: Date,
): Promise<ChannelOutput<'families.list'>> {
  const today = localDateAt(now);
  const count = await filteredFamilies(db, user, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await familyListPage(db, user, f).execute();
  const visits = await nextVisitsOf(
    db,
    rows.map((r) => r.id),
  );
  const counsellors = await displayNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  const volunteers = await volunteerNames(
    db,
    visits.flatMap((v) => (v.volunteer_id ? [v.volunteer_id] : [])),
  );
  const next = new Map(visits.map((v) => [v.family_id, v]));
  return {
    rows: rows.map((r): FamilySummary => {
      const v = next.get(r.id);
      return {
        id: r.id,
        archiveNumber: r.archive_number,
        name: r.name,
        status: r.status,
        focus: r.focus,
        members: Number(r.member_count ?? 0),
        cases: Number(r.case_count ?? 0),
        nextVisit: v
          ? {
              dueDate: v.due_date,
              overdue: isVisitOverdue({ status: 'scheduled', dueDate: v.due_date }, today),
              volunteerName: v.volunteer_id ? (volunteers.get(v.volunteer_id) ?? null) : null,
            }
          : null,
        counsellor: userRef(counsellors, r.counsellor_id),
        updatedAt: r.updated_at,
      };
    }),
    total: Number(count.n),
    today,
  };
}

/** 'families.ofCase': the case's archive, and whether one can be opened (a signed result). */
export async function familyOfCase(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<ChannelOutput<'families.ofCase'>> {
  await findVisibleCaseOrThrow(db, user, caseId);
  const link = await familyLinkOfCase(db, caseId);
  const canOpen = (await latestSignedOutcome(db, caseId)) !== null;
  return { familyId: link?.family_id ?? null, canOpen };
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────────

async function openFamilyOrThrow(call: WriteCall, familyId: string): Promise<FamilyRow> {
  const family = await findVisibleFamilyOrThrow(call.db, call.user, familyId);
  if (family.status === 'closed') throw new DomainError('FAMILY_CLOSED');
  return family;
}

async function newFamily(
  call: WriteCall,
  fields: { name: string; needs: string | null; safetyNotes: string | null },
  origin: { counsellorId: string; result: FamilyRow['result'] },
): Promise<FamilyRow> {
  const { db, user, now } = call;
  const year = Number(localDateAt(now).slice(0, 4));
  const { seq, archiveNumber } = await nextArchiveNumber(db, call.open.deviceId, year);
  return insertFamily(db, {
    id: uuidv7(now),
    archive_number: archiveNumber,
    archive_year: year,
    archive_seq: seq,
    name: fields.name,
    focus: origin.result === null ? 'marriage' : focusOfResult(origin.result),
    result: origin.result,
    needs: fields.needs,
    safety_notes: fields.safetyNotes,
    counsellor_id: origin.counsellorId,
    status: 'open',
    closed_reason: null,
    closed_at: null,
    created_by: user.id,
    ...newSyncedRow(call.open.deviceId, now.toISOString()),
  });
}

async function addMembers(call: WriteCall, familyId: string, members: readonly MemberInput[]): Promise<void> {
  const today = localDateAt(call.now);
  for (const m of members) {
    await insertMember(call.db, {
      id: uuidv7(call.now),
      family_id: familyId,
      kind: m.kind,
      relation: m.relation,
      name: m.name,
      birth_year: birthYearFromAge(m.age, today),
      situation: m.situation,
      ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
    });
  }
}

async function linkCaseRow(call: WriteCall, familyId: string, caseId: string): Promise<void> {
  await insertFamilyCase(call.db, {
    id: uuidv7(call.now),
    family_id: familyId,
    case_id: caseId,
    linked_by: call.user.id,
    ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
  });
}

/** The members a case brings: its two parties (丈夫 / 妻子 by sex) and its children, by age. */
async function membersFromCase(db: Db, caseRow: CaseRow, today: string): Promise<MemberInput[]> {
  const parties = await loadParties(db, caseRow.id);
  const year = Number(today.slice(0, 4));
  const spouses = parties.map((p): MemberInput => ({
    kind: 'spouse',
    relation: p.sex === 'male' ? '丈夫' : p.sex === 'female' ? '妻子' : '当事人',
    name: p.name,
    age: p.birth_date ? Math.max(0, year - Number(p.birth_date.slice(0, 4))) : null,
    situation: null,
  }));
  const children = (JSON.parse(caseRow.children) as Child[]).map((c, i): MemberInput => ({
    kind: 'child',
    relation: '子女',
    name: `子女${i + 1}`,
    age: c.age,
    situation: `随${labelOf(LABELS.livesWith, c.livesWith, 'zh-CN')}生活`,
  }));
  return [...spouses, ...children];
}

/**
 * 'families.openFromCase': the case's archive, opened now if it has none. Needs a signed result
 * (FAMILY_NEEDS_RESULT). A follow-up plan is made when the settings' rule calls for one.
 */
export async function openFromCase(call: WriteCall, caseId: string): Promise<FamilyDetail> {
  const { db, user, now } = call;
  const caseRow = await findVisibleCaseOrThrow(db, user, caseId);
  const link = await familyLinkOfCase(db, caseId);
  if (link) {
    const existing = await findVisibleFamilyOrThrow(db, user, link.family_id).catch(() => undefined);
    if (!existing) throw new DomainError('CASE_IN_OTHER_FAMILY');
    return familyDetail(db, user, existing, now);
  }
  const outcome = await latestSignedOutcome(db, caseId);
  if (!outcome) throw new DomainError('FAMILY_NEEDS_RESULT');

  const today = localDateAt(now);
  const members = await membersFromCase(db, caseRow, today);
  const spouseNames = members.filter((m) => m.kind === 'spouse').map((m) => m.name);
  const family = await newFamily(
    call,
    { name: `${spouseNames.join('、')}家庭`.slice(0, 40), needs: null, safetyNotes: null },
    { counsellorId: caseRow.counsellor_id, result: outcome.result },
  );
  await addMembers(call, family.id, members);
  await linkCaseRow(call, family.id, caseId);
  const basis = await planBasisForCase(db, family, caseId, now);
  const withPlan = basis !== null && planRuleFor(call.open.settings, basis) !== null;
  if (basis && withPlan) await createPlanFor(call, family, basis);
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'family.created',
      targetType: 'family',
      targetId: family.id,
      detail: { archiveNumber: family.archive_number, caseId, result: outcome.result, plan: withPlan },
    },
    now,
  );
  return familyDetail(db, user, family, now);
}

/** 'families.create': by hand; the user is in charge of it. */
export async function createFamily(
  call: WriteCall,
  input: ChannelParsed<'families.create'>,
): Promise<FamilyDetail> {
  const family = await newFamily(call, input, { counsellorId: call.user.id, result: null });
  await addMembers(call, family.id, input.members);
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'family.created',
      targetType: 'family',
      targetId: family.id,
      detail: { archiveNumber: family.archive_number, caseId: null, members: input.members.length },
    },
    call.now,
  );
  return familyDetail(call.db, call.user, family, call.now);
}

/** Audits a change of the archive's own content and answers with the archive as it now is. */
async function changed(
  call: WriteCall,
  familyId: string,
  action:
    | 'family.updated'
    | 'family.member_saved'
    | 'family.member_removed'
    | 'family.help_link_saved'
    | 'family.help_link_removed'
    | 'family.case_linked'
    | 'family.closed'
    | 'family.reopened',
  detail: Record<string, string | number | boolean | null>,
  set: Parameters<typeof updateFamily>[2] = {},
): Promise<FamilyDetail> {
  const family = await updateFamily(call.db, familyId, set, call.now);
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action, targetType: 'family', targetId: familyId, detail },
    call.now,
  );
  return familyDetail(call.db, call.user, family, call.now);
}

export async function updateFamilyFields(
  call: WriteCall,
  input: ChannelParsed<'families.update'>,
): Promise<FamilyDetail> {
  const family = await openFamilyOrThrow(call, input.familyId);
  const fields = {
    name: input.name,
    needs: input.needs,
    safety_notes: input.safetyNotes,
  } as const;
  const keys = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== family[k]);
  return changed(call, family.id, 'family.updated', { fields: keys.join(',') }, fields);
}

/** 'families.linkCase': another case of the family (a case belongs to one family at most). */
export async function linkCase(
  call: WriteCall,
  input: ChannelParsed<'families.linkCase'>,
): Promise<FamilyDetail> {
  const family = await openFamilyOrThrow(call, input.familyId);
  await findVisibleCaseOrThrow(call.db, call.user, input.caseId);
  const link = await familyLinkOfCase(call.db, input.caseId);
  if (link && link.family_id !== family.id) throw new DomainError('CASE_IN_OTHER_FAMILY');
  if (link) return familyDetail(call.db, call.user, family, call.now);
  await linkCaseRow(call, family.id, input.caseId);
  return changed(call, family.id, 'family.case_linked', { caseId: input.caseId });
}

export async function saveMember(
  call: WriteCall,
  input: ChannelParsed<'families.saveMember'>,
): Promise<FamilyDetail> {
  const family = await openFamilyOrThrow(call, input.familyId);
  if (input.memberId === undefined) {
    await addMembers(call, family.id, [input]);
    return changed(call, family.id, 'family.member_saved', { kind: input.kind, added: true });
  }
  const member = belongsTo(await findMember(call.db, input.memberId), family.id);
  await updateMember(
    call.db,
    member.id,
    {
      kind: input.kind,
      relation: input.relation,
      name: input.name,
      birth_year: birthYearFromAge(input.age, localDateAt(call.now)),
      situation: input.situation,
    },
    call.now,
  );
  return changed(call, family.id, 'family.member_saved', {
    memberId: member.id,
    kind: input.kind,
    added: false,
  });
}

export async function removeMember(
  call: WriteCall,
  input: ChannelParsed<'families.removeMember'>,
): Promise<FamilyDetail> {
  const member = await findMember(call.db, input.id);
  if (!member) throw new DomainError('FAMILY_NOT_FOUND');
  const family = await openFamilyOrThrow(call, member.family_id);
  await removeFamilyRow(call.db, 'family_members', member.id, input.reason, call.now);
  return changed(call, family.id, 'family.member_removed', { memberId: member.id });
}

export async function saveHelpLink(
  call: WriteCall,
  input: ChannelParsed<'families.saveHelpLink'>,
): Promise<FamilyDetail> {
  const family = await openFamilyOrThrow(call, input.familyId);
  const fields = {
    kind: input.kind,
    helper_name: input.helperName,
    contact: input.contact,
    status: input.status,
    start_date: input.startDate,
    end_date: input.endDate,
    notes: input.notes,
  };
  if (input.linkId === undefined) {
    const id = uuidv7(call.now);
    await insertHelpLink(call.db, {
      id,
      family_id: family.id,
      ...fields,
      ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
    });
    return changed(call, family.id, 'family.help_link_saved', {
      linkId: id,
      status: input.status,
      added: true,
    });
  }
  const link = belongsTo(await findHelpLink(call.db, input.linkId), family.id);
  await updateHelpLink(call.db, link.id, fields, call.now);
  return changed(call, family.id, 'family.help_link_saved', {
    linkId: link.id,
    status: input.status,
    added: false,
  });
}

export async function removeHelpLink(
  call: WriteCall,
  input: ChannelParsed<'families.removeHelpLink'>,
): Promise<FamilyDetail> {
  const link = await findHelpLink(call.db, input.id);
  if (!link) throw new DomainError('FAMILY_NOT_FOUND');
  const family = await openFamilyOrThrow(call, link.family_id);
  await removeFamilyRow(call.db, 'family_help_links', link.id, input.reason, call.now);
  return changed(call, family.id, 'family.help_link_removed', { linkId: link.id });
}

/** 'families.close' (结档): the archive and its running plans close; open visits are cancelled. */
export async function closeFamily(
  call: WriteCall,
  input: ChannelParsed<'families.close'>,
): Promise<FamilyDetail> {
  const family = await openFamilyOrThrow(call, input.familyId);
  const plansClosed = await closePlansOf(call, family.id, 'family_closed', input.reason);
  return changed(
    call,
    family.id,
    'family.closed',
    { plansClosed },
    { status: 'closed', closed_reason: input.reason, closed_at: call.now.toISOString() },
  );
}

/** 'families.reopen': a closed archive opens again (its plans stay closed; a new one can be made). */
export async function reopenFamily(call: WriteCall, familyId: string): Promise<FamilyDetail> {
  const family = await findVisibleFamilyOrThrow(call.db, call.user, familyId);
  if (family.status !== 'closed') throw new DomainError('INVALID_TRANSITION', { from: 'open', to: 'open' });
  return changed(
    call,
    family.id,
    'family.reopened',
    {},
    { status: 'open', closed_reason: null, closed_at: null },
  );
}
