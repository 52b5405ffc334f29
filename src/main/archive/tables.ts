import { z } from 'zod';
import type { ArchiveDifference } from '../../shared/archive';

/*
 * The tables a case archive carries (docs/archive-format.md "Case archive content"), in the order an
 * import applies them (parents before children), with every column and its kind. Each table's row shape
 * is a strict zod object built from this list: an unknown table, a missing or extra column, or a value of
 * the wrong kind makes the archive ARCHIVE_CONTENT_INVALID. The column lists are the store's columns
 * (tests/integration/archive-format.test.ts compares them with the schema), except `users` and
 * `volunteers`, which carry only what another desk needs to satisfy its foreign keys.
 */

/** s: text · s?: text or null · i: integer · i?: integer or null · n: number · b: 0 or 1. */
type Kind = 's' | 's?' | 'i' | 'i?' | 'n' | 'b';

const SYNCED = 'created_at:s updated_at:s origin_device:s version:i deleted_at:s?';
const REMOVABLE = `${SYNCED} deleted_reason:s?`;

const SPECS = {
  users: 'id:s display_name:s role:s',
  volunteers: 'id:s name:s',
  cases: `id:s case_number:s type:s received_date:s marriage_date:s? children:s filing_received_date:s?
    receipt_number:s? reason_categories:s reason_text:s? risk_domestic_violence:b risk_self_harm:b
    risk_child:b risk_elderly:b dv_disclosed:b consent_by:s? consent_at:s? consent_method:s? counsellor_id:s
    companion_user_id:s? companion_name:s? registration_status:s? status_changed_at:s?
    withdrawal_deadline:s? certificate_window_start:s? certificate_window_end:s? next_deadline:s?
    withdrawal_by:s? withdrawal_date:s? withdrawal_confirmation:s? registered_date:s? refusal_date:s?
    refusal_reason:s? result:s? created_by:s ${SYNCED}`,
  case_parties: `id:s case_id:s party:s name:s sex:s? document_type:s? document_number:s? birth_date:s?
    phone:s? education:s? occupation:s? address:s? ${SYNCED}`,
  counselling_records: `id:s case_id:s status:s session_date:s? half_day:s? channel:s? counsellor_ids:s
    volunteer_names:s attendees:s family_situation:s? interview_notes:s? intervention_assessment:s?
    result:s? satisfaction:s? remarks:s? created_by:s signed_by:s? signed_at:s? draft_audited_at:s?
    ${SYNCED}`,
  record_addenda: `id:s record_id:s case_id:s date:s author_id:s text:s ${SYNCED}`,
  dv_disclosures: `id:s case_id:s disclosed_by:s disclosed_by_name:s? disclosed_at:s recorded_by:s facts:s
    injuries_evidence:s? risk_level:s victim_wishes:s? minors_involved:b victim_lacks_capacity:b
    help_info_given:b warning_letter_number:s? warning_letter_issued_at:s? protection_order_number:s?
    protection_order_issued_at:s? protection_order_expires_at:s? mandatory_report_at:s?
    mandatory_report_to:s? mandatory_report_reference:s? mandatory_report_recorded_by:s? ${SYNCED}`,
  referrals: `id:s case_id:s dv_disclosure_id:s? reference_number:s ref_year:i ref_seq:i target:s
    target_name:s? subject:s reason:s consent_given:b no_consent_reason:s? status:s expected_reply_date:s
    created_by:s ${SYNCED}`,
  referral_events: `id:s referral_id:s status:s date:s note:s? by_user:s ${SYNCED}`,
  supervision_items: `id:s case_id:s kind:s to_user_id:s? to_station:s? from_user_id:s? due_date:s?
    instructions:s? status:s created_by:s closed_by:s? closed_at:s? close_note:s? ${SYNCED}`,
  families: `id:s archive_number:s archive_year:i archive_seq:i name:s focus:s result:s? needs:s?
    safety_notes:s? counsellor_id:s status:s closed_reason:s? closed_at:s? created_by:s ${REMOVABLE}`,
  family_cases: `id:s family_id:s case_id:s linked_by:s ${REMOVABLE}`,
  family_members: `id:s family_id:s kind:s relation:s name:s birth_year:i? situation:s? ${REMOVABLE}`,
  family_help_links: `id:s family_id:s kind:s helper_name:s contact:s? status:s start_date:s end_date:s?
    notes:s? ${REMOVABLE}`,
  followup_plans: `id:s family_id:s case_id:s? result:s focus:s start_date:s months:s volunteer_id:s?
    status:s status_reason:s? close_cause:s? created_by:s ${REMOVABLE}`,
  followup_visits: `id:s plan_id:s family_id:s counsellor_id:s seq:i due_date:s status:s volunteer_id:s?
    visit_date:s? channel:s? duration_minutes:i? met_whom:s? marriage_status:s? children_wellbeing:s?
    elderly:s? problems:s? help_given:s? next_step:s? safety_concern:b safety_note:s?
    safety_acknowledged_at:s? safety_acknowledged_by:s? recorded_by:s? recorded_at:s? ${REMOVABLE}`,
} as const;

export type ArchiveTable = keyof typeof SPECS;

/** Parents before children: the order of the file's rows within a case group, and of an import. */
export const ARCHIVE_TABLES = Object.keys(SPECS) as ArchiveTable[];

/** The synced tables of a case (everything but the people rows), and of its family archive. */
export const CASE_TABLES = [
  'cases',
  'case_parties',
  'counselling_records',
  'record_addenda',
  'dv_disclosures',
  'referrals',
  'referral_events',
  'supervision_items',
] as const satisfies readonly ArchiveTable[];
export type CaseTable = (typeof CASE_TABLES)[number];

export const FAMILY_TABLES = [
  'families',
  'family_cases',
  'family_members',
  'family_help_links',
  'followup_plans',
  'followup_visits',
] as const satisfies readonly ArchiveTable[];
export type FamilyTable = (typeof FAMILY_TABLES)[number];

export type SyncedTable = CaseTable | FamilyTable;
export const SYNCED_ARCHIVE_TABLES: readonly SyncedTable[] = [...CASE_TABLES, ...FAMILY_TABLES];

/** Which difference a table's rows make (the import preview's `differences`). */
export const DIFFERENCE_OF: Record<SyncedTable, ArchiveDifference> = {
  cases: 'case',
  case_parties: 'parties',
  counselling_records: 'records',
  record_addenda: 'addenda',
  dv_disclosures: 'dvDisclosures',
  referrals: 'referrals',
  referral_events: 'referrals',
  supervision_items: 'supervision',
  families: 'family',
  family_cases: 'family',
  family_members: 'familyMembers',
  family_help_links: 'helpLinks',
  followup_plans: 'followupPlans',
  followup_visits: 'followupVisits',
};

/** Columns naming a desk account (foreign keys, and the unconstrained author columns the screens name). */
export const USER_COLUMNS: Partial<Record<SyncedTable, readonly string[]>> = {
  cases: ['counsellor_id', 'companion_user_id', 'created_by'],
  counselling_records: ['created_by', 'signed_by'],
  record_addenda: ['author_id'],
  dv_disclosures: ['recorded_by', 'mandatory_report_recorded_by'],
  referrals: ['created_by'],
  referral_events: ['by_user'],
  supervision_items: ['to_user_id', 'from_user_id', 'created_by', 'closed_by'],
  families: ['counsellor_id', 'created_by'],
  family_cases: ['linked_by'],
  followup_plans: ['created_by'],
  followup_visits: ['counsellor_id', 'safety_acknowledged_by', 'recorded_by'],
};

/** Columns naming a volunteer of the roster. */
export const VOLUNTEER_COLUMNS: Partial<Record<SyncedTable, readonly string[]>> = {
  followup_plans: ['volunteer_id'],
  followup_visits: ['volunteer_id'],
};

/** A row as the archive holds it: column → value. */
export type ArchiveRow = Record<string, string | number | null>;

const KIND_SCHEMA: Record<Kind, z.ZodType<string | number | null>> = {
  s: z.string(),
  's?': z.string().nullable(),
  i: z.number().int(),
  'i?': z.number().int().nullable(),
  n: z.number(),
  b: z.union([z.literal(0), z.literal(1)]),
};

function parseSpec(spec: string): [string, Kind][] {
  return spec
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [name, kind] = entry.split(':') as [string, Kind];
      return [name, kind];
    });
}

/** Every table's columns, in the store's order. */
export const COLUMNS: Record<ArchiveTable, readonly string[]> = Object.fromEntries(
  ARCHIVE_TABLES.map((t) => [t, parseSpec(SPECS[t]).map(([name]) => name)]),
) as unknown as Record<ArchiveTable, readonly string[]>;

/** Every table's strict row schema. */
export const ROW_SCHEMAS: Record<ArchiveTable, z.ZodType<ArchiveRow>> = Object.fromEntries(
  ARCHIVE_TABLES.map((t) => [
    t,
    z.strictObject(Object.fromEntries(parseSpec(SPECS[t]).map(([name, kind]) => [name, KIND_SCHEMA[kind]]))),
  ]),
) as unknown as Record<ArchiveTable, z.ZodType<ArchiveRow>>;

export function isArchiveTable(name: unknown): name is ArchiveTable {
  return typeof name === 'string' && Object.hasOwn(SPECS, name);
}
