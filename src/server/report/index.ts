export { countyReport } from './report';
export { formatReport } from './report-format';
