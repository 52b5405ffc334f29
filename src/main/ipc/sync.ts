import type { DomainHandlers } from './handler';

/** 'sync.*': thin wrappers; the work (and every network and file access) is in src/main/sync/service.ts. */
export const syncHandlers = {
  'sync.status': (_input, ctx) => ctx.sync.status(),
  'sync.now': (_input, ctx) => ctx.sync.runNow(),
  'sync.enrol': (input, ctx) => ctx.sync.enrol(input.code),
  'sync.updateSettings': (input, ctx) => ctx.sync.updateSettings(input),
  'sync.exportUsb': (_input, ctx) => ctx.sync.exportUsb(),
  'sync.importReceipts': (_input, ctx) => ctx.sync.importReceipts(),
} satisfies DomainHandlers<'sync'>;
