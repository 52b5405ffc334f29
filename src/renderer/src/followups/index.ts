export { FollowupsSection } from './FollowupsSection';
