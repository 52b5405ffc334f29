import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from '../app';

export interface UserDataEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/**
 * The directory Electron's app.getPath('userData') names for this product, so the harness and the
 * desktop app open the same local store: appData (Linux $XDG_CONFIG_HOME or ~/.config, Windows
 * %APPDATA%, macOS ~/Library/Application Support) joined with the product name.
 */
export function defaultUserDataDir(
  productName: string = PRODUCT_NAME,
  { platform, env, home }: UserDataEnv = { platform: process.platform, env: process.env, home: homedir() },
): string {
  return join(appDataDir(platform, env, home), productName);
}

function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env['APPDATA'] || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || join(home, '.config');
}
