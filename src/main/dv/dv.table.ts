import type { Insertable, Selectable } from 'kysely';
import type { DisclosedBy, DvRiskLevel } from '../../shared/dv';
import type { Bool01, SyncedColumns } from '../db';

/*
 * Domestic-violence disclosures (migration 0003). Dates of the office's calendar are 'YYYY-MM-DD' text;
 * instants are ISO-8601 UTC text.
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

/** The DV table (created by migration 0003). */
export interface DvTables {
  dv_disclosures: DvDisclosuresTable;
}

export type DvDisclosureRow = Selectable<DvDisclosuresTable>;
export type NewDvDisclosureRow = Insertable<DvDisclosuresTable>;
