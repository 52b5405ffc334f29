import { getSettings, updateSettings } from './settings';
import type { DomainHandlers } from '../ipc';

export const settingsHandlers = {
  'settings.get': async (_input, ctx) => getSettings(ctx),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
} satisfies DomainHandlers<'settings'>;
