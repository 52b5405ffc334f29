import type { Insertable, Selectable } from 'kysely';
import type { ReferralStatus, ReferralSubject, ReferralTarget } from '../../shared/referrals';
import type { Bool01, SyncedColumns } from '../db';

/*
 * Referrals with their loop events (migration 0003). Dates of the office's calendar are 'YYYY-MM-DD'
 * text; instants are ISO-8601 UTC text.
 */

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

/** The referral tables (created by migration 0003). */
export interface ReferralsTables {
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
}

export type ReferralRow = Selectable<ReferralsTable>;
export type ReferralEventRow = Selectable<ReferralEventsTable>;
export type NewReferralRow = Insertable<ReferralsTable>;
export type NewReferralEventRow = Insertable<ReferralEventsTable>;
