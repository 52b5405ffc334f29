import type { ChannelOutput, ChannelParsed, Channel } from '../../shared/contract';
import type { DeskContext } from '../desk';

/**
 * A main-process handler, typed from the contract: it receives the parsed input and must resolve to the
 * channel's output type. The dispatcher has already checked the session and role.
 */
export type Handler<K extends Channel> = (
  input: ChannelParsed<K>,
  ctx: DeskContext,
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
