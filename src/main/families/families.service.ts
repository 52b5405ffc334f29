import { localDateAt } from '../../shared/calendar';
import type { Child } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import type { FamilyDetail, MemberInput } from '../../shared/families';
import { birthYearFromAge, focusOfResult } from '../../shared/followups';
import { LABELS, labelOf } from '../../shared/i18n';
import { actorOf, appendAudit, type AuditDetailInput } from '../audit';
import { findVisibleCaseOrThrow, loadParties, type CaseRow } from '../cases';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import {
  closePlansOf,
  createPlanFor,
  findVisibleFamilyOrThrow,
  planBasisForCase,
  planRuleFor,
  type FamilyRow,
} from '../followups';
import { latestSignedOutcome } from '../records';
import {
  belongsTo,
  familyLinkOfCase,
  findHelpLink,
  findMember,
  insertFamily,
  insertFamilyCase,
  insertHelpLink,
  insertMember,
  nextArchiveNumber,
  removeFamilyRow,
  updateFamily,
  updateHelpLink,
  updateMember,
} from './families.repository';
import { familyDetail } from './views';

/*
 * Family archives (家庭档案, docs/domain.md "Family archives"): opened from a case once it has a signed
 * result (members from its parties and children, focus from the result, a follow-up plan when the rules
 * call for one) or by hand. A closed archive changes no more until reopened; closing it closes its plans.
 * Audit details carry ids and codes only — never a name or a typed reason (those stay in the rows).
 */

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
      detail: { archiveNumber: family.archive_number, caseId, plan: withPlan },
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
  detail: AuditDetailInput,
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
    // Not the member's kind: 'child' would tell the log's reader about minors.
    return changed(call, family.id, 'family.member_saved', { added: true });
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
