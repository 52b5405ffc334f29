import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import type { Transaction } from 'kysely';
import {
  appendAudit as appendInTransaction,
  listAudit,
  verifyAuditChain,
  type AuditInput,
} from '../../src/main/audit/audit.repository';
import { AUDIT_GENESIS_HASH, chainHash } from '../../src/main/audit/chain';
import { AuditDetailRejected } from '../../src/main/audit/detail';
import type { DB, Db } from '../../src/main/db/schema';
import { tempDir } from '../support/tmp';

const ADMIN = uuidv7();

/** One entry, in the given transaction or, given the store, in a transaction of its own (as a caller's edge opens). */
const appendAudit = (db: Db, entry: AuditInput, at: Date) =>
  db.isTransaction
    ? appendInTransaction(db as Transaction<DB>, entry, at)
    : db.transaction().execute((trx) => appendInTransaction(trx, entry, at));
const COUNSELLOR = uuidv7();

describe('audit log', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const entry = (over: Partial<AuditInput> = {}): AuditInput => ({
    actorId: ADMIN,
    actorName: 'admin',
    action: 'auth.login',
    ...over,
  });

  async function appendFive(): Promise<void> {
    await appendAudit(store.db, entry({ action: 'setup.completed' }), new Date('2026-01-04T15:59:59.999Z'));
    await appendAudit(store.db, entry(), new Date('2026-01-04T16:00:00.000Z'));
    await appendAudit(
      store.db,
      entry({
        action: 'user.created',
        targetType: 'user',
        targetId: COUNSELLOR,
        detail: { role: 'counsellor' },
      }),
      new Date('2026-01-05T09:00:00.000Z'),
    );
    await appendAudit(
      store.db,
      entry({
        actorId: COUNSELLOR,
        actorName: '李辅导',
        action: 'auth.login_failed',
        detail: { count: 2, corrected: false },
      }),
      new Date('2026-01-05T15:59:59.999Z'),
    );
    await appendAudit(store.db, entry({ action: 'auth.logout' }), new Date('2026-01-05T16:00:00.000Z'));
  }

  /** Plays the attacker who holds the key: drops the append-only triggers. */
  function dropTriggers(): void {
    store.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  }

  it('chains entries with the documented canonical form', async () => {
    const first = await appendAudit(
      store.db,
      entry({ detail: { to: 'b', caseNumber: '二', caseId: null } }),
      new Date('2026-01-05T02:00:00.000Z'),
    );
    const canonical =
      `{"action":"auth.login","actorId":"${ADMIN}","actorName":"admin","at":"2026-01-05T02:00:00.000Z",` +
      `"detail":{"caseId":null,"caseNumber":"二","to":"b"},"seq":1,"targetId":null,"targetType":null}`;
    const expected = createHash('sha256')
      .update(Buffer.from(AUDIT_GENESIS_HASH, 'hex'))
      .update(canonical, 'utf8')
      .digest('hex');
    expect(first).toMatchObject({
      seq: 1,
      hash: expected,
      targetId: null,
      detail: { caseId: null, caseNumber: '二', to: 'b' },
    });

    const second = await appendAudit(
      store.db,
      entry({ action: 'auth.lock' }),
      new Date('2026-01-05T02:01:00.000Z'),
    );
    const row = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row.prev_hash).toBe(first.hash);
    expect(row.hash).toBe(second.hash);
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 2 });
  });

  it('leaves undefined detail values out, as JSON would', async () => {
    const e = await appendAudit(store.db, entry({ detail: { intact: true, caseId: undefined } }), new Date());
    expect(e.detail).toEqual({ intact: true });
    expect((await listAudit(store.db, {})).rows[0]?.detail).toEqual({ intact: true });
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 1 });
  });

  it('verifies an empty log as intact', async () => {
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 0 });
  });

  it('finds a row whose content was changed', async () => {
    await appendFive();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 5 });
    await expect(
      store.db.updateTable('audit_log').set({ detail: '{"role":"admin"}' }).where('seq', '=', 3).execute(),
    ).rejects.toThrow(/append-only/);

    dropTriggers();
    await store.db
      .updateTable('audit_log')
      .set({ detail: '{"role":"admin"}' })
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: false, count: 5, firstBrokenSeq: 3 });
  });

  it('finds a row whose hash was replaced', async () => {
    await appendFive();
    dropTriggers();
    await store.db
      .updateTable('audit_log')
      .set({ at: '2026-01-01T00:00:00.000Z' })
      .where('seq', '=', 2)
      .execute();
    // the attacker recomputes seq 2's own hash; the link from seq 3 still breaks
    const row = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const forged = chainHash(row.prev_hash, {
      seq: 2,
      at: row.at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      detail: {},
    });
    await store.db.updateTable('audit_log').set({ hash: forged }).where('seq', '=', 2).execute();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: false, count: 5, firstBrokenSeq: 3 });
  });

  it('finds a deleted middle row', async () => {
    await appendFive();
    dropTriggers();
    await store.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: false, count: 4, firstBrokenSeq: 2 });
  });

  it('finds a deleted first row', async () => {
    await appendFive();
    dropTriggers();
    await store.db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: false, count: 4, firstBrokenSeq: 1 });
  });

  it('verifies a long log across pages', async () => {
    const base = Date.parse('2026-01-05T00:00:00.000Z');
    for (let i = 0; i < 1203; i++)
      await appendAudit(store.db, entry({ detail: { seq: i } }), new Date(base + i * 1000));
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 1203 });
    dropTriggers();
    await store.db.updateTable('audit_log').set({ actor_name: 'someone' }).where('seq', '=', 1001).execute();
    expect(await verifyAuditChain(store.db)).toEqual({ intact: false, count: 1203, firstBrokenSeq: 1001 });
  });

  it('keeps seq and chain in order under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(store.db, entry({ detail: { seq: i } }), new Date(Date.UTC(2026, 0, 5))),
      ),
    );
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 20 });
  });

  it('refuses a detail key outside the allow-list, and a value of the wrong shape, naming the key only', async () => {
    const sensitive = [
      { riskLevel: 'high' },
      { minorsInvolved: true },
      { result: 'divorce' },
      { query: '张三' },
    ] as unknown as AuditInput['detail'][];
    for (const detail of sensitive) {
      await expect(appendAudit(store.db, entry({ detail }), new Date())).rejects.toThrow(AuditDetailRejected);
    }
    // Allowed keys take only their kind of value: no free text in a code, no name in an id.
    for (const detail of [
      { reason: '张三 110101199003074514' },
      { caseId: '张三' },
      { count: -1 },
      { filters: 'a b' },
    ] as AuditInput['detail'][]) {
      const e = await appendAudit(store.db, entry({ detail }), new Date()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AuditDetailRejected);
      expect(String(e)).not.toMatch(/张三|1101|a b/);
    }
    expect(await listAudit(store.db, {})).toEqual({ rows: [], total: 0 });
  });

  it('takes a long list of field names as a code (every column of a case and its parties)', async () => {
    const changed = Array.from({ length: 60 }, (_, i) => `parties.${i % 2}.column_name_${i}`).join(',');
    const e = await appendAudit(store.db, entry({ detail: { changed } }), new Date());
    expect(e.detail).toEqual({ changed });
  });

  it('rolls back with the caller’s transaction', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(), new Date());
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    expect(await listAudit(store.db, {})).toEqual({ rows: [], total: 0 });
  });

  it('lists newest first with local-date, action and actor filters and paging', async () => {
    await appendFive();
    const all = await listAudit(store.db, {});
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(all.rows[1]).toMatchObject({ actorName: '李辅导', detail: { count: 2, corrected: false } });

    // 2026-01-05 in China Standard Time is [2026-01-04T16:00Z, 2026-01-05T16:00Z)
    const day = await listAudit(store.db, { from: '2026-01-05', to: '2026-01-05' });
    expect(day.rows.map((r) => r.seq)).toEqual([4, 3, 2]);
    expect((await listAudit(store.db, { from: '2026-01-06' })).rows.map((r) => r.seq)).toEqual([5]);
    expect((await listAudit(store.db, { to: '2026-01-04' })).rows.map((r) => r.seq)).toEqual([1]);

    expect((await listAudit(store.db, { action: 'auth.login_failed' })).rows.map((r) => r.seq)).toEqual([4]);
    const byCounsellor = await listAudit(store.db, { actorId: COUNSELLOR });
    expect(byCounsellor).toMatchObject({ total: 1, rows: [{ seq: 4 }] });
    expect(
      (await listAudit(store.db, { actorId: ADMIN, from: '2026-01-05' })).rows.map((r) => r.seq),
    ).toEqual([5, 3, 2]);

    const page1 = await listAudit(store.db, { page: 1, pageSize: 2 });
    const page3 = await listAudit(store.db, { page: 3, pageSize: 2 });
    expect(page1).toMatchObject({ total: 5 });
    expect(page1.rows.map((r) => r.seq)).toEqual([5, 4]);
    expect(page3.rows.map((r) => r.seq)).toEqual([1]);
    expect((await listAudit(store.db, { page: 4, pageSize: 2 })).rows).toEqual([]);
  });
});
