export { RecordsTab } from './RecordsTab';
