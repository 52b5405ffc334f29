export { SupervisionTab } from './SupervisionTab';
