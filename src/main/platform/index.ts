export { createAppPage } from './app-page';
export { electronPlatform } from './electron-platform';
export { offerExternalLink } from './external-links';
export { registerIpcHandlers } from './ipc';
export { hardenWebContents, mainWindowOptions } from './window';
