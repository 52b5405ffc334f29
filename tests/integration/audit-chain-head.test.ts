// The desk's audit chain head rides in every sync batch (header auditSeq/auditHead), and the county flags a
// desk whose chain went backwards (entries cut off, or a restore) or was rewritten (same seq, other hash):
// on the desk through the real batch builder, at the county on each dialect through receiveBatch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithRecoveryCode } from '../../src/main/desk/keyring';
import { buildNextBatch } from '../../src/main/sync/batch-builder';
import { initSyncState } from '../../src/main/sync/state';
import { generateCountyKeys } from '../../src/server/county/keys';
import type { CountyKeys } from '../../src/server/county';
import { receiveBatch } from '../../src/server/receive/receive';
import { countyReport, formatReport } from '../../src/server/report';
import type { CountyStore } from '../../src/server/store';
import { parseEnvelope, ZERO_HASH } from '../../src/shared/sync';
import { addStaff, minimalIntake } from '../support/case-fixture';
import { enrolTestDevice, testDevice } from '../support/county-batches';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import { Desk, SETUP_INPUT } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

describe('the desk seals its audit chain head into every batch', () => {
  const tmp = tempDir('counseldesk-audit-head-');
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('carries the newest entry’s seq and hash at sealing time', async () => {
    const desk = await Desk.open(tmp.dir);
    const { recoveryCode } = await desk.ok('setup.create', SETUP_INPUT);
    await addStaff(desk);
    await desk.ok('cases.create', minimalIntake());
    await desk.close();
    const key = unwrapWithRecoveryCode(tmp.dir, recoveryCode);
    if (!key) throw new Error('the recovery code did not open the keyring');
    const opened = await openStore(tmp.dir, key);
    store = opened;
    const keys = await generateCountyKeys();
    await initSyncState(opened.db, {
      deviceId: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f',
      now: new Date().toISOString(),
    });
    const head = await opened.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(head.seq).toBeGreaterThan(1);
    const built = await buildNextBatch(opened.db, {
      countyPublicKey: keys.encryption.publicKey,
      now: new Date(),
      maxChanges: 1000,
      maxBytes: 1 << 20,
    });
    if (!built) throw new Error('nothing to seal');
    expect(parseEnvelope(built.bytes).header).toMatchObject({ auditSeq: head.seq, auditHead: head.hash });
  });
});

describe.each(COUNTY_DIALECTS)('the county watches each desk’s audit chain (%s)', (dialect) => {
  const tmp = tempDir('counseldesk-audit-head-county-');
  let county: CountyStore;
  let keys: CountyKeys;
  beforeAll(async () => {
    county = await openTestCountyStore(dialect, tmp.dir);
    keys = await generateCountyKeys();
  });
  afterAll(async () => {
    await county.close();
    tmp.cleanup();
  });

  const HEAD = (n: number) => n.toString(16).padStart(64, '0');
  const volunteer = (n: number) => {
    const id = `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;
    return { table: 'volunteers', id, version: 1, row: { id, active: 1, deleted_at: null } };
  };

  async function desk(id: string) {
    const device = await testDevice(id, keys);
    await enrolTestDevice(county, device, '城关镇工作站');
    let n = 0;
    return async (epoch: number, seq: number, head: string) => {
      const batch = await device.batch(epoch, [volunteer((n += 1))], new Date(), { seq, head });
      await receiveBatch(county, keys, batch.address, batch.bytes);
    };
  }
  const flagOf = async (device: string) =>
    await county.db
      .selectFrom('audit_heads')
      .selectAll()
      .where('device', '=', device)
      .executeTakeFirstOrThrow();

  it('keeps the newest head of a chain that only grows; no flag', async () => {
    const id = '0190a7c2-0000-7000-8000-0000000000a1';
    const send = await desk(id);
    await send(1, 10, HEAD(10));
    await send(1, 10, HEAD(10)); // nothing new audited between two batches
    await send(1, 25, HEAD(25));
    expect(await flagOf(id)).toMatchObject({ audit_seq: 25, audit_head: HEAD(25), flag: null });
  });

  it('flags a chain that went backwards (a restore, entries cut off), keeping the batch', async () => {
    const id = '0190a7c2-0000-7000-8000-0000000000a2';
    const send = await desk(id);
    await send(1, 40, HEAD(40));
    await send(2, 12, HEAD(12)); // a restored desk starts a new epoch with an older audit log
    const row = await flagOf(id);
    expect(row).toMatchObject({ audit_seq: 40, flag: 'backwards' });
    expect(row.flagged_at).not.toBeNull();
    const stored = await county.db.selectFrom('envelopes').select('seq').where('device', '=', id).execute();
    expect(stored).toHaveLength(2);
  });

  it('flags a chain rewritten under the same seq, and the report names it', async () => {
    const id = '0190a7c2-0000-7000-8000-0000000000a3';
    const send = await desk(id);
    await send(1, 7, HEAD(7));
    await send(1, 7, HEAD(0x77));
    expect(await flagOf(id)).toMatchObject({ audit_seq: 7, audit_head: HEAD(7), flag: 'rewritten' });
    const report = await countyReport(county);
    const flags = Object.fromEntries(report.devices.map((d) => [d.device, d.auditFlag]));
    expect(flags).toMatchObject({
      '0190a7c2-0000-7000-8000-0000000000a1': null,
      '0190a7c2-0000-7000-8000-0000000000a2': 'backwards',
      [id]: 'rewritten',
    });
    const text = formatReport(report);
    expect(text).toContain('审计日志倒退');
    expect(text).toContain('审计日志被改写');
  });

  it('an empty chain is seq 0 with the zero hash', async () => {
    const id = '0190a7c2-0000-7000-8000-0000000000a4';
    const send = await desk(id);
    await send(1, 0, ZERO_HASH);
    expect(await flagOf(id)).toMatchObject({ audit_seq: 0, flag: null });
  });
});
