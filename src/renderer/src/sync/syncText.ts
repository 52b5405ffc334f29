import dayjs from 'dayjs';
import { localizeError } from '@shared/i18n';
import type { SyncStatus } from '@shared/sync';
import { currentLocale } from '../i18n';

/** An instant from main (ISO with offset) as the office's local date and time. */
export function formatInstant(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}

/** Batch sizes for people: bytes, KB or MB with one decimal (1 KB = 1024 B, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The last failure in plain words: the error code's own message with its placeholders filled. */
export function lastErrorMessage(error: NonNullable<SyncStatus['lastError']>): string {
  return localizeError(currentLocale(), error.code, error.meta);
}

/** How far the desk's clock is off, in the largest whole unit that fits (days, hours or minutes). */
export function skewAmount(minutes: number): {
  key: 'skewDays' | 'skewHours' | 'skewMinutes';
  count: number;
} {
  const off = Math.abs(minutes);
  if (off >= 2 * 24 * 60) return { key: 'skewDays', count: Math.round(off / (24 * 60)) };
  if (off >= 2 * 60) return { key: 'skewHours', count: Math.round(off / 60) };
  return { key: 'skewMinutes', count: off };
}

/** A hex fingerprint in groups of four, the way it is read out over the phone. */
export function fingerprintGroups(hex: string): string[] {
  return hex.match(/.{1,4}/g) ?? [hex];
}
