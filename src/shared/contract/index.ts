export type { ChannelInput, ChannelOutput, ChannelParsed, DeskApi } from './api';
export { CHANNELS, contract, isChannel, POLL_CHANNELS } from './contract';
export type { Channel, Contract, PollChannel } from './contract';
