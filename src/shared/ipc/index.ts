export { WireErrorSchema } from './result';
export type { Result, WireError } from './result';
export { channel, Done, NoInput } from './spec';
export type { Access, Activity, ChannelSpec } from './spec';
