import type { QueryClient } from '@tanstack/react-query';
import type { Channel } from '@shared/contract';
import { STALE_AFTER } from './stale';

/** How a write ended: its answer, or a failure (which never re-reads a case). */
export type WriteOutcome = { ok: true; answer: unknown } | { ok: false };

/** The case a write's answer belongs to (a record, a disclosure, a supervision item all carry `caseId`). */
function caseIdOf(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null || !('caseId' in answer)) return null;
  return typeof answer.caseId === 'string' ? answer.caseId : null;
}

/**
 * Marks what `channel` made stale (STALE_AFTER) so that the screens showing it read it again, and waits for
 * those reads. `answered` is the read the hook already filled from the write's answer: it is not read again.
 *
 * A case is re-read only after a write that succeeded, only the case the answer names (every cached case when
 * the answer names none, e.g. a holiday change), and without holding the write's answer back: each read of a
 * case is audited ('case.viewed'), and the page that shows it is the one that asked.
 */
export async function refreshAfterWrite(
  client: QueryClient,
  channel: Channel,
  outcome: WriteOutcome,
  answered: Channel | null = null,
): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const read of STALE_AFTER[channel] as readonly Channel[]) {
    if (outcome.ok && read === answered) continue;
    if (read === 'cases.get') {
      if (!outcome.ok) continue;
      const caseId = caseIdOf(outcome.answer);
      void client.invalidateQueries({ queryKey: caseId ? ['cases.get', { caseId }] : ['cases.get'] });
      continue;
    }
    waits.push(client.invalidateQueries({ queryKey: [read] }));
  }
  await Promise.all(waits);
}
