import { CHANNELS } from '../../shared/contract';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/**
 * Merges per-domain handler maps. A channel defined twice throws (a spread would silently let the later
 * one win). The result's type is the intersection of the maps, so assigning it to `Handlers` fails to
 * compile when a domain's map is left out.
 */
export function combineHandlers<const M extends readonly object[]>(
  ...maps: M
): UnionToIntersection<M[number]> {
  const all: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (Object.prototype.hasOwnProperty.call(all, name)) throw new Error(`duplicate IPC handler: ${name}`);
      all[name] = handler;
    }
  }
  return all as UnionToIntersection<M[number]>;
}

/** Belt and braces for the types: every contract channel has a handler and nothing else does. */
export function assertCoversContract(handlers: object): void {
  const names = new Set(Object.keys(handlers));
  const missing = CHANNELS.filter((c) => !names.has(c));
  const extra = [...names].filter((n) => !(CHANNELS as string[]).includes(n));
  if (missing.length || extra.length) {
    throw new Error(
      `IPC handlers do not match the contract (missing: ${missing.join(', ')}; extra: ${extra.join(', ')})`,
    );
  }
}
