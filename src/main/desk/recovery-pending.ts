import { randomInt } from 'node:crypto';
import { generateRecoveryCode, normalizeRecoveryCode } from './keyring';

/**
 * A recovery code is shown once; the admin proves it was written down by typing one group back. Only
 * that group is kept, in memory only (never on disk in clear). If the app restarts first, the settings
 * flag `recovery.pending` stays true and the admin generates a new code.
 */
export class PendingRecovery {
  #expected: { group: number; value: string } | null = null;

  /** The group (1-based) the admin is asked for, or null when nothing waits in this process. */
  get group(): number | null {
    return this.#expected?.group ?? null;
  }

  remember(group: number, value: string): void {
    this.#expected = { group, value: normalizeRecoveryCode(value) };
  }

  matches(answer: string): boolean {
    return this.#expected !== null && normalizeRecoveryCode(answer) === this.#expected.value;
  }

  clear(): void {
    this.#expected = null;
  }
}

/** A fresh code plus the group to confirm (not remembered yet: only once the slot is sealed). */
export function newRecoveryCode(): { code: string; group: number; groupValue: string } {
  const { code, groups } = generateRecoveryCode();
  const group = randomInt(1, groups.length + 1);
  return { code, group, groupValue: groups[group - 1] ?? '' };
}
