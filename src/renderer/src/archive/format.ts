import dayjs from 'dayjs';

/** A file size for people: 12.3 MB, 850 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} B`;
}

/** An instant as the office reads it (local time, to the minute). */
export const formatTime = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm');
