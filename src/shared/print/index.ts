export { printContract } from './contract';
export type { PdfFile } from './contract';
