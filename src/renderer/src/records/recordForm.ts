import type { Dayjs } from 'dayjs';
import type { ChannelInput } from '@shared/contract';
import type { PartyKey, RecordResult } from '@shared/cases';
import type { ChannelKind, CounsellingRecord, HalfDay, Satisfaction } from '@shared/records';
import { fromLocalDate, toLocalDate, todayPicker } from '../components';

/** The editor's form: the draft input's shape, with a picker value for the date. */
export interface RecordValues {
  sessionDate?: Dayjs | null;
  halfDay?: HalfDay | null;
  channel?: ChannelKind | null;
  counsellorIds?: string[];
  volunteerNames?: string[];
  attendees?: { parties?: PartyKey[]; others?: string[] };
  familySituation?: string;
  interviewNotes?: string;
  interventionAssessment?: string;
  result?: RecordResult | null;
  satisfaction?: Satisfaction | null;
  remarks?: string;
}

/** Fields 'records.sign' needs (MZ/T 084 appendix D: when, how, by whom, and the result). */
export const REQUIRED_TO_SIGN = ['sessionDate', 'halfDay', 'channel', 'counsellorIds', 'result'] as const;

export function valuesOf(r: CounsellingRecord): RecordValues {
  return {
    sessionDate: fromLocalDate(r.sessionDate),
    halfDay: r.halfDay,
    channel: r.channel,
    counsellorIds: r.counsellors.map((c) => c.id),
    volunteerNames: r.volunteerNames,
    attendees: { parties: r.attendees.parties, others: r.attendees.others },
    familySituation: r.familySituation ?? '',
    interviewNotes: r.interviewNotes ?? '',
    interventionAssessment: r.interventionAssessment ?? '',
    result: r.result,
    satisfaction: r.satisfaction,
    remarks: r.remarks ?? '',
  };
}

/** A new session: today, this half of the day, face to face, me, both parties. */
export function newRecordValues(myId: string, counsellorIds: readonly string[]): RecordValues {
  const now = todayPicker();
  return {
    sessionDate: now,
    halfDay: new Date().getHours() < 12 ? 'am' : 'pm',
    channel: 'face_to_face',
    // Only someone who can be picked: an admin-created director may not be in the list.
    counsellorIds: counsellorIds.includes(myId) ? [myId] : [],
    volunteerNames: [],
    attendees: { parties: ['party_a', 'party_b'], others: [] },
  };
}

const names = (list: string[] | undefined) => (list ?? []).map((s) => s.trim()).filter((s) => s !== '');

export function toDraftInput(
  caseId: string,
  recordId: string | null,
  baseVersion: number | null,
  v: RecordValues,
): ChannelInput<'records.saveDraft'> {
  return {
    caseId,
    recordId,
    // The version this text was based on: main refuses it (RECORD_STALE) if the draft moved on since.
    baseVersion: recordId === null ? null : baseVersion,
    sessionDate: toLocalDate(v.sessionDate),
    halfDay: v.halfDay ?? null,
    channel: v.channel ?? null,
    counsellorIds: v.counsellorIds ?? [],
    volunteerNames: names(v.volunteerNames),
    attendees: { parties: v.attendees?.parties ?? [], others: names(v.attendees?.others) },
    familySituation: v.familySituation ?? '',
    interviewNotes: v.interviewNotes ?? '',
    interventionAssessment: v.interventionAssessment ?? '',
    result: v.result ?? null,
    satisfaction: v.satisfaction ?? null,
    remarks: v.remarks ?? '',
  };
}

/** The free text of a form, labelled, as plain text the user can copy (kept when a save was refused). */
export function textOf(v: RecordValues, label: (field: TextField) => string): string {
  return TEXT_FIELDS.map((f) => ({ f, text: (v[f] ?? '').trim() }))
    .filter(({ text }) => text !== '')
    .map(({ f, text }) => `【${label(f)}】\n${text}`)
    .join('\n\n');
}

export const TEXT_FIELDS = [
  'familySituation',
  'interviewNotes',
  'interventionAssessment',
  'remarks',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
