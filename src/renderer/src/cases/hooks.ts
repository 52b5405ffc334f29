import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { CaseDetail } from '@shared/cases';
import { call, type ApiError, queryKey, useApiQuery } from '../api';

/** Reads that show case facts; a write to a case makes them stale (cases.get is refreshed from the answer). */
export const CASE_READS = [
  'cases.list',
  'search.cases',
  'dashboard.get',
  'audit.list',
] as const satisfies readonly Channel[];

/** Counsellors and directors for the pickers; the list changes rarely. */
export const useCounsellors = () => useApiQuery('cases.counsellors', null, { staleTime: 60_000 });

/**
 * One case. Each read is audited ('case.viewed'), so it is not re-read on every render or focus: writes
 * that answer with the case put their answer in the cache instead.
 */
export const useCase = (caseId: string) => useApiQuery('cases.get', { caseId }, { staleTime: 60_000 });

type CaseWriteChannel = {
  [K in Channel]: ChannelOutput<K> extends CaseDetail ? K : never;
}[Channel];

/** A write that answers with the updated case: the answer replaces the cached case, lists go stale. */
export function useCaseWrite<K extends CaseWriteChannel>(
  channel: K,
  alsoInvalidates: readonly Channel[] = [],
) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: (detail) => {
      client.setQueryData(queryKey('cases.get', { caseId: detail.id }), detail);
    },
    onSettled: async () => {
      await Promise.all(
        [...CASE_READS, ...alsoInvalidates].map((c) => client.invalidateQueries({ queryKey: [c] })),
      );
    },
  });
}

/** After a write elsewhere (records, DV, supervision) changed what the case shows: read it again. */
export function useRefreshCase() {
  const client = useQueryClient();
  return (caseId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKey('cases.get', { caseId }) }),
      ...CASE_READS.map((c) => client.invalidateQueries({ queryKey: [c] })),
    ]);
}
