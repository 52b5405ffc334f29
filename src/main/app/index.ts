export { createApp } from './create-app';
export { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
export { nodePlatform, systemClock } from './node-platform';
export type { NodePlatformOptions } from './node-platform';
export { PRODUCT_NAME } from './product';
export { contentTypeFor, resolveStaticFile } from './renderer-files';
export { deskHandlers } from './registry';
export type { DeskServices } from './registry';
export type { AppOptions, DeskApp } from './types';
