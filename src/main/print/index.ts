export { printHandlers } from './handlers';
