import type { Insertable, Selectable } from 'kysely';
import type { SupervisionKind, SupervisionStatus } from '../../shared/supervision';
import type { SyncedColumns } from '../db';

/*
 * Supervision items, 交办 / 转办 / 督办 (migration 0003). Dates of the office's calendar are
 * 'YYYY-MM-DD' text; instants are ISO-8601 UTC text.
 */

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

/** The supervision table (created by migration 0003). */
export interface SupervisionTables {
  supervision_items: SupervisionItemsTable;
}

export type SupervisionItemRow = Selectable<SupervisionItemsTable>;
export type NewSupervisionItemRow = Insertable<SupervisionItemsTable>;
