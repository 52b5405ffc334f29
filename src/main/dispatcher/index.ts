export { createDispatcher } from './dispatcher';
export type { Dispatcher, LockDesk } from './dispatcher';
export type { CallFor, DomainHandlers, Handler, Handlers } from './handler';
export { assertCoversContract, combineHandlers } from './registry';
