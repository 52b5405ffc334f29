import { contextBridge, ipcRenderer } from 'electron';
import { buildDeskApi } from './api';

// The page sees `window.api` and nothing else: one function per contract channel, no ipcRenderer,
// no process, no env, no generic send. Bundled into one CommonJS file (sandboxed preloads cannot
// require from node_modules); see electron.vite.config.ts.
contextBridge.exposeInMainWorld(
  'api',
  buildDeskApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
