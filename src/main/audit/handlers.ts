import { appendAudit, listAudit, verifyAuditChain, type AuditDetail } from './audit';
import { actorOf } from './';
import type { DomainHandlers } from '../ipc';

export const auditHandlers = {
  'audit.list': (input, ctx) => listAudit(ctx.session.requireOpen().store.db, input),
  'audit.verify': async (_input, ctx) => {
    const open = ctx.session.requireOpen();
    const result = await verifyAuditChain(open.store.db);
    // Recorded after the walk, so the entry itself is not part of what it reports on.
    const detail: AuditDetail = result.intact
      ? { intact: true, count: result.count }
      : { intact: false, count: result.count, firstBrokenSeq: result.firstBrokenSeq };
    await appendAudit(
      open.store.db,
      { ...actorOf(open.user), action: 'audit.verified', detail },
      ctx.clock.now(),
    );
    return result;
  },
} satisfies DomainHandlers<'audit'>;
