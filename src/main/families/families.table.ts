import type { Insertable, Selectable } from 'kysely';
import type { RecordResult } from '../../shared/cases';
import type { FamilyStatus, HelpLinkKind, HelpLinkStatus, MemberKind } from '../../shared/families';
import type { FollowUpFocus } from '../../shared/followups';
import type { RemovableColumns } from '../db';

/* Family archives (migration 0008): the family, its cases, members and help links (一果一联). */

export interface FamiliesTable extends RemovableColumns {
  id: string;
  /** `JT-{archive_year}-{archive_seq 5}`; (origin_device, archive_year, archive_seq) is unique. */
  archive_number: string;
  archive_year: number;
  archive_seq: number;
  name: string;
  focus: FollowUpFocus;
  /** The result the archive was opened for; null when opened by hand. */
  result: RecordResult | null;
  needs: string | null;
  safety_notes: string | null;
  /** In charge of the family: sees it, gets its safety alerts. */
  counsellor_id: string;
  status: FamilyStatus;
  closed_reason: string | null;
  closed_at: string | null;
  created_by: string;
}

/** A case of the family; a case belongs to at most one family. */
export interface FamilyCasesTable extends RemovableColumns {
  id: string;
  family_id: string;
  case_id: string;
  linked_by: string;
}

export interface FamilyMembersTable extends RemovableColumns {
  id: string;
  family_id: string;
  kind: MemberKind;
  relation: string;
  name: string;
  /** Kept instead of an age, so the age grows with the archive. */
  birth_year: number | null;
  situation: string | null;
}

export interface FamilyHelpLinksTable extends RemovableColumns {
  id: string;
  family_id: string;
  kind: HelpLinkKind;
  helper_name: string;
  contact: string | null;
  status: HelpLinkStatus;
  start_date: string;
  end_date: string | null;
  notes: string | null;
}

export interface FamiliesTables {
  families: FamiliesTable;
  family_cases: FamilyCasesTable;
  family_members: FamilyMembersTable;
  family_help_links: FamilyHelpLinksTable;
}

export type FamilyRow = Selectable<FamiliesTable>;
export type NewFamilyRow = Insertable<FamiliesTable>;
export type MemberRow = Selectable<FamilyMembersTable>;
export type NewMemberRow = Insertable<FamilyMembersTable>;
export type HelpLinkRow = Selectable<FamilyHelpLinksTable>;
export type NewHelpLinkRow = Insertable<FamilyHelpLinksTable>;
export type NewFamilyCaseRow = Insertable<FamilyCasesTable>;
