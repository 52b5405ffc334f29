import type { Insertable, Selectable } from 'kysely';
import type {
  DisclosedBy,
  DvRiskLevel,
  ReferralStatus,
  ReferralSubject,
  ReferralTarget,
  SupervisionKind,
  SupervisionStatus,
} from '../../../shared/schemas/protection';
import type { Bool01, SyncedColumns } from '../schema';

/*
 * Protection tables (migration 0003): DV disclosures, referrals with their loop events, supervision
 * items. Dates of the office's calendar are 'YYYY-MM-DD' text; instants are ISO-8601 UTC text.
 */

/** Kept apart from ordinary notes; never indexed for search. */
export interface DvDisclosuresTable extends SyncedColumns {
  id: string;
  case_id: string;
  disclosed_by: DisclosedBy;
  disclosed_by_name: string | null;
  disclosed_at: string;
  recorded_by: string;
  facts: string;
  injuries_evidence: string | null;
  risk_level: DvRiskLevel;
  victim_wishes: string | null;
  minors_involved: Bool01;
  victim_lacks_capacity: Bool01;
  help_info_given: Bool01;
  warning_letter_number: string | null;
  warning_letter_issued_at: string | null;
  protection_order_number: string | null;
  protection_order_issued_at: string | null;
  protection_order_expires_at: string | null;
  mandatory_report_at: string | null;
  mandatory_report_to: string | null;
  mandatory_report_reference: string | null;
  mandatory_report_recorded_by: string | null;
}

export interface ReferralsTable extends SyncedColumns {
  id: string;
  case_id: string;
  dv_disclosure_id: string | null;
  /** `ZJ-{ref_year}-{ref_seq 5}`; (origin_device, ref_year, ref_seq) is unique. */
  reference_number: string;
  ref_year: number;
  ref_seq: number;
  target: ReferralTarget;
  target_name: string | null;
  subject: ReferralSubject;
  reason: string;
  consent_given: Bool01;
  no_consent_reason: string | null;
  status: ReferralStatus;
  expected_reply_date: string;
  created_by: string;
}

/** One step of a referral's loop (the first is 'created'). */
export interface ReferralEventsTable extends SyncedColumns {
  id: string;
  referral_id: string;
  status: ReferralStatus;
  /** Office-local date it happened. */
  date: string;
  note: string | null;
  by_user: string;
}

export interface SupervisionItemsTable extends SyncedColumns {
  id: string;
  case_id: string;
  kind: SupervisionKind;
  to_user_id: string | null;
  to_station: string | null;
  /** The counsellor in charge before an assign / transfer to a user. */
  from_user_id: string | null;
  due_date: string | null;
  instructions: string | null;
  status: SupervisionStatus;
  created_by: string;
  closed_by: string | null;
  closed_at: string | null;
  close_note: string | null;
}

/** Table types added by issue 3 (protection); the tables are created by migration 0003. */
export interface ProtectionTables {
  dv_disclosures: DvDisclosuresTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  supervision_items: SupervisionItemsTable;
}

export type DvDisclosureRow = Selectable<DvDisclosuresTable>;
export type NewDvDisclosureRow = Insertable<DvDisclosuresTable>;
export type ReferralRow = Selectable<ReferralsTable>;
export type ReferralEventRow = Selectable<ReferralEventsTable>;
export type SupervisionItemRow = Selectable<SupervisionItemsTable>;
