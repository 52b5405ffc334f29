import { channel, NoInput, type ChannelSpec } from '../ipc';
import { SettingsPatchSchema, SettingsSchema } from './schemas';

/** 'settings.*': the office's settings. */
export const settingsContract = {
  'settings.get': channel({ input: NoInput, output: SettingsSchema, access: 'session' }),
  'settings.update': channel({
    input: SettingsPatchSchema,
    output: SettingsSchema,
    access: 'settings.manage',
  }),
} as const satisfies Record<string, ChannelSpec>;
