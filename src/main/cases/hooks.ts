import type { Transaction } from 'kysely';
import type { DB } from '../db';

/*
 * Other services that keep data derived from a case (the search index) register here instead of the
 * case services importing them: every case, party, record or addendum write calls the hooks inside its
 * transaction, after the write, so the derived data commits or rolls back with it.
 */
export type CaseWriteHook = (trx: Transaction<DB>, caseId: string) => Promise<void>;

export const caseWriteHooks: CaseWriteHook[] = [];

/** Registers a hook once (a module may be loaded twice in tests). */
export function onCaseWrite(hook: CaseWriteHook): void {
  if (!caseWriteHooks.includes(hook)) caseWriteHooks.push(hook);
}

export async function runCaseWriteHooks(trx: Transaction<DB>, caseId: string): Promise<void> {
  for (const hook of caseWriteHooks) await hook(trx, caseId);
}
