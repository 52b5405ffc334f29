export { FamiliesSection } from './FamiliesSection';
