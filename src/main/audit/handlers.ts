import type { DomainHandlers } from '../dispatcher';
import { actorOf, appendAudit, listAudit, verifyAuditChain } from './audit.repository';
import type { AuditDetailInput } from './detail';

export const auditHandlers = {
  'audit.list': (input, call) => listAudit(call.db, input),
  'audit.verify': async (_input, call) => {
    const result = await verifyAuditChain(call.db);
    // Recorded after the walk, so the entry itself is not part of what it reports on.
    const detail: AuditDetailInput = result.intact
      ? { intact: true, count: result.count }
      : { intact: false, count: result.count, firstBrokenSeq: result.firstBrokenSeq };
    await appendAudit(call.db, { ...actorOf(call.user), action: 'audit.verified', detail }, call.now);
    return result;
  },
} satisfies DomainHandlers<'audit'>;
