export { openCountyDirectory, startCounty } from './county-server';
