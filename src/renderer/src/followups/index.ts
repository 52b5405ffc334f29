import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const FollowupsSection = lazy(() =>
  import('./FollowupsSection').then((m) => ({ default: m.FollowupsSection })),
);
export { MyVisits } from './MyVisits';
export { RecordVisitModal } from './RecordVisitModal';
export type { VisitToRecord } from './RecordVisitModal';
export { VisitRecordView } from './VisitRecordView';
