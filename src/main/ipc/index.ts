export { createDispatcher } from './dispatcher';
export type { Dispatcher } from './dispatcher';
export type { DomainHandlers, Handler, Handlers } from './handler';
export { assertCoversContract, combineHandlers } from './registry';
