import type { IntakeValues } from './intakeForm';

/*
 * The unfinished 新建案件 form, kept in memory only (never on disk, never in the desk's store) so that a
 * counsellor who leaves the wizard through the sidebar finds what was typed when coming back. It holds
 * personal data, so it ends with the session: cleared on create, on 放弃, and on lock / sign-out
 * (Boot clears it with the query caches whenever the desk leaves the 'unlocked' phase).
 */

export interface IntakeDraft {
  values: IntakeValues;
  step: number;
}

let draft: IntakeDraft | null = null;

export function saveIntakeDraft(next: IntakeDraft): void {
  draft = next;
}

export function intakeDraft(): IntakeDraft | null {
  return draft;
}

export function clearIntakeDraft(): void {
  draft = null;
}
