export { createAppPage } from './app-page';
export { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
export { electronPlatform } from './electron-platform';
export { offerExternalLink } from './external-links';
export { registerIpcHandlers } from './ipc';
export { hardenWebContents, mainWindowOptions } from './window';
