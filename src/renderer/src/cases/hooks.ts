import type { Channel, ChannelOutput } from '@shared/contract';
import type { CaseDetail } from '@shared/cases';
import { useAnsweredMutation, useApiQuery } from '../api';

/**
 * One case. Each read is audited ('case.viewed'), so it is not re-read on every render or focus: writes
 * that answer with the case put their answer in the cache instead.
 */
export const useCase = (caseId: string) => useApiQuery('cases.get', { caseId }, { staleTime: 60_000 });

type CaseWriteChannel = {
  [K in Channel]: ChannelOutput<K> extends CaseDetail ? K : never;
}[Channel];

/** A write that answers with the updated case: the answer replaces the cached case, lists go stale. */
export const useCaseWrite = <K extends CaseWriteChannel>(channel: K) =>
  useAnsweredMutation(channel, 'cases.get', (detail: CaseDetail) => ({ caseId: detail.id }));
