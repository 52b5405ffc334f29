export { DvTab } from './DvTab';
