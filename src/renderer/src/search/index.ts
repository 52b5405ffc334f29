export { SearchIndexProgress } from './SearchIndexProgress';
