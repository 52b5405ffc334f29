export { setupContract } from './contract';
