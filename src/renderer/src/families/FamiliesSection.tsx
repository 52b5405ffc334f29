import { Route, Routes } from 'react-router';
import type { SessionUser } from '@shared/users';
import { FamiliesListPage } from './FamiliesListPage';
import { FamilyNotFound, FamilyPage } from './FamilyPage';
import './families.css';

/** 家庭档案: the list (/families) and one archive (/families/:familyId). */
export function FamiliesSection({ user }: { user: SessionUser }) {
  return (
    <Routes>
      <Route index element={<FamiliesListPage />} />
      <Route path=":familyId" element={<FamilyPage user={user} />} />
      <Route path="*" element={<FamilyNotFound />} />
    </Routes>
  );
}
