import { Route, Routes } from 'react-router';
import type { SessionUser } from '@shared/users';
import { QueuePage } from './QueuePage';
import { VisitNotFound, VisitPage } from './VisitPage';
import './followups.css';

/** 回访: the queue (/followups) and one visit's packet (/followups/visits/:visitId). */
export function FollowupsSection({ user }: { user: SessionUser }) {
  return (
    <Routes>
      <Route index element={<QueuePage user={user} />} />
      <Route path="visits/:visitId" element={<VisitPage />} />
      <Route path="*" element={<VisitNotFound />} />
    </Routes>
  );
}
