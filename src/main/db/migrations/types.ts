import type { Kysely } from 'kysely';

/**
 * A numbered schema step. Frozen once released: never edited, never reordered, and (once sync has
 * shipped) additive only. Migrations import nothing from the app, only kysely, so later code changes
 * cannot change what an old step does.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside a transaction opened by the migrator; must not open its own. */
  up(db: Kysely<unknown>): Promise<void>;
}
