import type { DomainHandlers } from '../dispatcher';
import { computeFigures } from '../statistics';
import { exportLedger, type FiguresSource } from './ledger.service';

/** The summary sheet's figures: the 统计 page's own (src/main/statistics), for the same user and period. */
const figuresOf: FiguresSource = (call, input, today) => computeFigures(call.db, call.user, input, today);

/** 'ledger.*' (src/shared/ledger/contract.ts). */
export const ledgerHandlers = {
  'ledger.export': (input, call) => exportLedger(call, input, figuresOf),
} satisfies DomainHandlers<'ledger'>;
