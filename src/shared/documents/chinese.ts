import { labelsIn } from '../i18n';

/*
 * Chinese on paper. Printouts are always Chinese, whatever the UI language: they go into the office's paper
 * archive. Enum values read the one label catalogue (src/shared/i18n); what is here is only how a form lays
 * Chinese out.
 */

/** Every enum label in Chinese, as printed. */
export const ZH = labelsIn('zh-CN');

/** 2026-03-02 → 2026年3月2日 (dates on Chinese forms). */
export function dateZh(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 全角空格 between items on one line (interpolated: the source must not hold irregular whitespace). */
export const WIDE_SPACE = '\u3000';
