import type { z } from 'zod';
import type { Channel, Contract } from './contract';
import type { Result } from '../ipc';

/** What the caller passes: the schema's input type (defaults may be omitted). */
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
/** What main hands a handler after parsing. */
export type ChannelParsed<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Contract[K]['output']>;

/**
 * `window.api`: one function per contract channel, derived from the contract, so adding, renaming
 * or retyping a channel breaks every caller at compile time.
 */
export type DeskApi = {
  readonly [K in Channel]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
};
