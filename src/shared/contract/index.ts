export type { ChannelInput, ChannelOutput, ChannelParsed, DeskApi } from './api';
export { CHANNELS, contract, isChannel } from './contract';
export type { Channel, Contract } from './contract';
