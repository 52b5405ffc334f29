import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { validationMessages } from '../../shared/i18n';
import type { UserRef } from '../../shared/cases';
import type { Locale } from '../../shared/settings';
import type { DB } from '../db';

/* Small helpers shared by the protection services (DV, referrals, supervision, dashboard). */

export type Db = Kysely<DB> | Transaction<DB>;

/** A user reference for output; a user removed since keeps their id with an empty name. */
export function userRef(names: ReadonlyMap<string, string>, id: string): UserRef {
  return { id, displayName: names.get(id) ?? '' };
}

/**
 * VALIDATION on the given fields when their office-local date is after today (a disclosure, a report or a
 * referral step cannot have happened tomorrow).
 */
export function assertNotAfter(
  today: string,
  dates: Readonly<Record<string, string | null | undefined>>,
  locale: Locale,
): void {
  const fields: Record<string, string> = {};
  for (const [field, date] of Object.entries(dates)) {
    if (date && date > today) fields[field] = validationMessages[locale].invalid;
  }
  if (Object.keys(fields).length > 0) throw new DomainError('VALIDATION', {}, fields);
}

/** 0 / 1 for the STRICT INTEGER boolean columns. */
export const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);
