import { sql, type Transaction } from 'kysely';
import { CASE_NUMBER_PREFIX, type CounsellingType } from '../../shared/cases';
import type { DB } from '../db';

/*
 * Case numbers `{year}-{LH|HQ|GX|JT}-{seq}`: one sequence per desk, year and type, 5 digits. Taken inside
 * the intake transaction from the highest number already used (deleted cases keep theirs), so numbers
 * are never reused and two intakes cannot take the same one (SQLite writes are serialised). The year
 * is the office-local intake year.
 */
const SEQ_DIGITS = 5;

export async function nextCaseNumber(
  trx: Transaction<DB>,
  deviceId: string,
  type: CounsellingType,
  today: string,
): Promise<string> {
  const stem = `${today.slice(0, 4)}-${CASE_NUMBER_PREFIX[type]}-`;
  // A range on the unique (case_number, origin_device) index; '~' sorts after every digit.
  // The numeric maximum, so a year past 99,999 cases still counts on (text order would not).
  const row = await trx
    .selectFrom('cases')
    .select(sql<number | null>`max(CAST(substr(case_number, ${stem.length + 1}) AS INTEGER))`.as('highest'))
    .where('case_number', '>=', stem)
    .where('case_number', '<', `${stem}~`)
    .where('origin_device', '=', deviceId)
    .executeTakeFirst();
  const highest = row?.highest ?? 0;
  return `${stem}${String(highest + 1).padStart(SEQ_DIGITS, '0')}`;
}
