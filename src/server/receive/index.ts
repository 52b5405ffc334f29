export { DEFAULT_MAX_BODY_BYTES, receiveBatch } from './receive';
export type { BatchAddress } from './receive';
export { importFolder } from './usb-import';
