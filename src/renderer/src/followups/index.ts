export { FollowupsSection } from './FollowupsSection';
export { MyVisits } from './MyVisits';
export { RecordVisitModal } from './RecordVisitModal';
export type { VisitToRecord } from './RecordVisitModal';
export { VisitRecordView } from './VisitRecordView';
