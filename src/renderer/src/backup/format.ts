import dayjs from 'dayjs';

/** A stored instant in the desk's local time. */
export const formatInstant = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

/** File sizes for people (1 KB = 1024 B, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
