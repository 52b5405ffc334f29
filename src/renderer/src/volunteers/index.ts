export { ReasonModal } from './ReasonModal';
export type { ReasonRequest } from './ReasonModal';
export { VolunteersSection } from './VolunteersSection';
