import { getSettings, updateSettings } from '../services/settings';
import type { DomainHandlers } from './handler';

export const settingsHandlers = {
  'settings.get': async (_input, ctx) => getSettings(ctx),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
} satisfies DomainHandlers<'settings'>;
