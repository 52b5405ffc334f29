import type { Channel, ChannelOutput } from '@shared/contract';
import type { FamilyDetail } from '@shared/families';
import { useAnsweredMutation, useApiQuery } from '../api';

/** One family archive (not audited on reading: it holds no case notes). */
export const useFamily = (familyId: string) => useApiQuery('families.get', { familyId });

type FamilyWriteChannel = {
  [K in Channel]: ChannelOutput<K> extends FamilyDetail ? K : never;
}[Channel];

/** A write that answers with the archive: the answer replaces the cached archive, the rest goes stale. */
export const useFamilyWrite = <K extends FamilyWriteChannel>(channel: K) =>
  useAnsweredMutation(channel, 'families.get', (detail: FamilyDetail) => ({ familyId: detail.id }));
