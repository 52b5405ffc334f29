export { StatisticsSection } from './StatisticsSection';
