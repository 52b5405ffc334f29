export { VolunteersSection } from './VolunteersSection';
