import type { ChannelOutput, ChannelParsed, Channel, Contract } from '../../shared/contract';
import type { PublicCall, ReadCall, WriteCall } from '../desk';

/**
 * What a channel's handler is given, from the channel's spec: public channels get the context only; the
 * others the signed-in call, whose `db` is the dispatcher's transaction on a `write` channel.
 */
export type CallFor<K extends Channel> = Contract[K]['access'] extends 'public'
  ? PublicCall
  : Contract[K] extends { write: true }
    ? WriteCall
    : ReadCall;

/**
 * A main-process handler, typed from the contract: it receives the parsed input and must resolve to the
 * channel's output type. The dispatcher has already checked the session and role.
 */
export type Handler<K extends Channel> = (
  input: ChannelParsed<K>,
  call: CallFor<K>,
) => Promise<ChannelOutput<K>>;

/** One handler per contract channel — the registry's type. */
export type Handlers = { readonly [K in Channel]: Handler<K> };

type DomainOf<K extends string> = K extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<Channel>;

/**
 * The handlers of one domain ('auth' → every 'auth.*' channel). A domain file declares its map with
 * `satisfies DomainHandlers<'auth'>`: a missing, extra or mistyped handler is a compile error there.
 */
export type DomainHandlers<D extends Domain> = {
  readonly [K in Channel as DomainOf<K> extends D ? K : never]: Handler<K>;
};
