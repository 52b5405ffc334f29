export { createEnrolmentCode, redeemEnrolment } from './enrol';
