import { join } from 'node:path';
import { z } from 'zod';
import { LocaleSchema, type Locale } from '../../shared/settings';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * preferences.json: the UI language in clear, so the lock and login screens and every error message use
 * the desk's language while the database is closed. It holds only {language}; the settings row is the
 * source of truth while unlocked and both are written together.
 */
export const PREFERENCES_FILE = 'preferences.json';

const PreferencesSchema = z.object({ language: LocaleSchema });

export class Preferences {
  #language: Locale;
  #written: boolean;
  readonly #path: string;

  constructor(dataDir: string) {
    this.#path = join(dataDir, PREFERENCES_FILE);
    const read = readJsonFile(this.#path, PreferencesSchema);
    // A damaged file only costs the language choice: fall back to the default rather than refuse to start.
    this.#language = read.kind === 'ok' ? read.value.language : 'zh-CN';
    this.#written = read.kind === 'ok';
  }

  get language(): Locale {
    return this.#language;
  }

  setLanguage(language: Locale): void {
    if (language === this.#language && this.#written) return;
    writeJsonFile(this.#path, { language });
    this.#language = language;
    this.#written = true;
  }
}
