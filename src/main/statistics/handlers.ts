import type { DomainHandlers } from '../dispatcher';
import { listIndicator } from './list.service';
import { compareSnapshot, listSnapshots, submitReport } from './snapshots';
import { getFigures } from './statistics.service';

export const statisticsHandlers = {
  'statistics.get': (input, call) => getFigures(call.db, call.user, input, call.now),
  'statistics.list': (input, call) => listIndicator(call.db, call.user, input, call.now),
  'statistics.submit': (input, call) => submitReport(call, input),
  'statistics.snapshots': (input, call) => listSnapshots(call.db, input),
  'statistics.compareSnapshot': (input, call) =>
    compareSnapshot(call.db, call.user, input.snapshotId, call.now),
} satisfies DomainHandlers<'statistics'>;
