export { openCountyDirectory, readCountyDirectory, startCounty } from './county-server';
