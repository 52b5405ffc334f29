export { ExportButton } from './ExportButton';
export { ImportPage } from './ImportPage';
export { ReviewBanner } from './ReviewBanner';
