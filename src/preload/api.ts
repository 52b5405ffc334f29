import { CHANNEL_NAMES } from '../shared/channels';
import type { DeskApi, Channel } from '../shared/contract';

export type Invoke = (channel: Channel, input: unknown) => Promise<unknown>;

/** A frozen object with exactly one function per contract channel, each forwarding to `invoke`. */
export function buildDeskApi(invoke: Invoke): DeskApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    // Only the input crosses; main parses it against the channel's schema and answers a Result.
    api[channel] = (input: unknown) => invoke(channel, input);
  }
  // The loop cannot express the mapped type DeskApi; tests/unit/preload.test.ts checks the shape.
  return Object.freeze(api) as unknown as DeskApi;
}
