import { m0001Foundation } from './0001_foundation';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Every migration, in order, imported statically (a bundled main has no migrations folder to read).
 * Append only; never edit or reorder a released entry.
 */
export const MIGRATIONS: readonly Migration[] = [m0001Foundation];
