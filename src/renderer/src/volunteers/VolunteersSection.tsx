import { useState } from 'react';
import { Route, Routes } from 'react-router';
import { can } from '@shared/roles';
import type { SessionUser } from '@shared/users';
import { VolunteerDetailPage, VolunteerNotFound } from './VolunteerDetailPage';
import { FIRST_ROSTER_PAGE, VolunteersPage, type RosterFilter } from './VolunteersPage';
import './volunteers.css';

/**
 * 志愿者: the roster (/volunteers) and one volunteer's page (/volunteers/:id). Whoever works cases reads it;
 * directors ('volunteers.manage') change it. The list's filter lives here, so it is still there on the way
 * back from a volunteer's page.
 */
export function VolunteersSection({ user }: { user: SessionUser }) {
  const canManage = can(user.role, 'volunteers.manage');
  const [filter, setFilter] = useState<RosterFilter>(FIRST_ROSTER_PAGE);
  return (
    <Routes>
      <Route index element={<VolunteersPage filter={filter} setFilter={setFilter} canManage={canManage} />} />
      <Route path=":volunteerId" element={<VolunteerDetailPage canManage={canManage} />} />
      <Route path="*" element={<VolunteerNotFound />} />
    </Routes>
  );
}
