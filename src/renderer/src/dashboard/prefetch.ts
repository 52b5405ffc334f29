import type { QueryClient } from '@tanstack/react-query';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { prefetchApiQuery } from '../api';

/** The deadline window (days) the 工作台 opens with. */
export const FIRST_WINDOW = 7;

/**
 * The 工作台's reads, asked for as soon as a sign-in answers, while the page is still drawing the desk
 * around it: the 工作台 is then drawn once, with its answer, instead of a skeleton first and its answer a
 * round trip later (and, fresh for the query client's staleTime, not asked for again). Only for whom it is
 * the home page, and not while a new password is due (main refuses the calls then).
 */
export function prefetchHome(client: QueryClient, user: SessionUser): void {
  if (user.mustChangePassword || !can(user.role, 'cases.work')) return;
  prefetchApiQuery(client, 'dashboard.get', { withinDays: FIRST_WINDOW });
  prefetchApiQuery(client, 'settings.get', null);
}
