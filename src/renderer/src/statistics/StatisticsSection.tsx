import { Navigate, Route, Routes } from 'react-router';
import type { SessionUser } from '@shared/users';
import { DrillDownPage } from './DrillDownPage';
import { StatisticsPage } from './StatisticsPage';
import './statistics.css';

/** 统计 (/statistics): the figures of a period, and the list behind each number (/statistics/list). */
export function StatisticsSection({ user }: { user: SessionUser }) {
  return (
    <Routes>
      <Route index element={<StatisticsPage user={user} />} />
      <Route path="list" element={<DrillDownPage />} />
      <Route path="*" element={<Navigate to="/statistics" replace />} />
    </Routes>
  );
}
