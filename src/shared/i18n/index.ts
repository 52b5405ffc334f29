export { localizeError } from './errors';
export { localizeIssues, validationMessages } from './validation';
