export { ledgerHandlers } from './handlers';
export { ledgerFileStem } from './ledger.service';
