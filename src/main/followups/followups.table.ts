import type { Insertable, Selectable } from 'kysely';
import type { RecordResult } from '../../shared/cases';
import type {
  FollowUpFocus,
  MarriageStatus,
  PlanCloseCause,
  PlanStatus,
  VisitStatus,
} from '../../shared/followups';
import type { ChannelKind } from '../../shared/records';
import type { Bool01, RemovableColumns } from '../db';

/* Follow-up plans and their visits (migration 0008). Only the next visit of a plan is ever open. */

export interface FollowupPlansTable extends RemovableColumns {
  id: string;
  family_id: string;
  /** The case whose result the plan follows (null: a family opened by hand). */
  case_id: string | null;
  result: RecordResult;
  focus: FollowUpFocus;
  /** The result date: due dates count from here. */
  start_date: string;
  /** JSON array of month offsets, copied from the rule when the plan was made. */
  months: string;
  /** The one volunteer of the plan (one-to-one). */
  volunteer_id: string | null;
  status: PlanStatus;
  status_reason: string | null;
  close_cause: PlanCloseCause | null;
  created_by: string;
}

export interface FollowupVisitsTable extends RemovableColumns {
  id: string;
  plan_id: string;
  family_id: string;
  /**
   * The family's counsellor in charge, copied onto each visit so their queue is one index range. Set when
   * the visit is made; whatever changes a family's counsellor must change its visits' too.
   */
  counsellor_id: string;
  seq: number;
  due_date: string;
  status: VisitStatus;
  volunteer_id: string | null;
  visit_date: string | null;
  channel: ChannelKind | null;
  duration_minutes: number | null;
  met_whom: string | null;
  marriage_status: MarriageStatus | null;
  children_wellbeing: string | null;
  elderly: string | null;
  problems: string | null;
  help_given: string | null;
  next_step: string | null;
  safety_concern: Bool01;
  safety_note: string | null;
  safety_acknowledged_at: string | null;
  safety_acknowledged_by: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}

export interface FollowupsTables {
  followup_plans: FollowupPlansTable;
  followup_visits: FollowupVisitsTable;
}

export type PlanRow = Selectable<FollowupPlansTable>;
export type NewPlanRow = Insertable<FollowupPlansTable>;
export type VisitRow = Selectable<FollowupVisitsTable>;
export type NewVisitRow = Insertable<FollowupVisitsTable>;
