import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '@shared/settings';
import { zhCN } from './zh-CN';
import { en } from './en';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export const i18n = i18next.createInstance();

// Resources are bundled, so init completes synchronously; the first render already has its words.
void i18n.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
});

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };
dayjs.locale(DAYJS_LOCALE['zh-CN']);

/** Switches the whole UI (i18next, dayjs; antd follows through ConfigProvider) to a locale. */
export function applyLanguage(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALE[locale]);
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
export type { zhCN } from './zh-CN';
