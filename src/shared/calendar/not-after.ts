import { invalidFields, type FieldProblem } from '../errors';

/**
 * VALIDATION on the given fields when their office-local date is after today: a disclosure, a report or a
 * referral step cannot have happened tomorrow.
 */
export function assertNotAfter(
  today: string,
  dates: Readonly<Record<string, string | null | undefined>>,
): void {
  const problems: Record<string, FieldProblem> = {};
  for (const [field, date] of Object.entries(dates)) {
    if (date && date > today) problems[field] = 'invalid';
  }
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}
