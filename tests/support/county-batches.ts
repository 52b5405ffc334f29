import { gzipSync } from 'node:zlib';
import type { CountyKeys } from '../../src/server/county/keys';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import { ZERO_HASH, generateSigningKeyPair, sealBatch, toHex, type RawKeyPair } from '../../src/shared/sync';

/*
 * Hand-made batches for county tests that need exact rows (given versions, given text) rather than a
 * desk's workload: change lines as § Batch body has them, gzipped, sealed to the county key and signed by
 * a device key, chained per epoch as a desk chains them.
 */

export interface TestChange {
  table: string;
  id: string;
  op?: 'insert' | 'update' | 'delete';
  version: number;
  row: Record<string, unknown>;
}

export interface TestBatch {
  address: { device: string; epoch: number; seq: number };
  bytes: Uint8Array;
}

export interface TestDevice {
  id: string;
  key: RawKeyPair;
  /** The next batch of `epoch` (seq and prev chained per epoch); `audit` is the chain head it carries. */
  batch(
    epoch: number,
    changes: readonly TestChange[],
    at?: Date,
    audit?: { seq: number; head: string },
  ): Promise<TestBatch>;
}

export async function testDevice(
  id: string,
  county: Pick<CountyKeys, 'encryption'>,
  deviceKey?: RawKeyPair,
): Promise<TestDevice> {
  const key = deviceKey ?? (await generateSigningKeyPair());
  const chains = new Map<number, { seq: number; prev: string }>();
  return {
    id,
    key,
    async batch(epoch, changes, at = new Date(), audit) {
      const chain = chains.get(epoch) ?? { seq: 0, prev: ZERO_HASH };
      const seq = chain.seq + 1;
      const changedAt = at.toISOString();
      const lines = changes.map((c, i) =>
        JSON.stringify({
          seq: i + 1,
          table: c.table,
          id: c.id,
          op: c.op ?? 'insert',
          version: c.version,
          changedAt,
          row: c.row,
        }),
      );
      const sealed = await sealBatch({
        device: id,
        epoch,
        seq,
        prev: chain.prev,
        count: lines.length,
        createdAt: changedAt,
        plaintext: gzipSync(lines.map((l) => `${l}\n`).join('')),
        countyPublicKey: county.encryption.publicKey,
        deviceSigningKey: key.privateKey,
        ...(audit ? { auditSeq: audit.seq, auditHead: audit.head } : {}),
      });
      chains.set(epoch, { seq, prev: sealed.hash });
      return { address: { device: id, epoch, seq }, bytes: sealed.bytes };
    },
  };
}

/** Records the device at the county as enrolment would. */
export async function enrolTestDevice(
  store: CountyStore,
  device: TestDevice,
  station: string,
): Promise<void> {
  await addDevice(store.db, {
    id: device.id,
    station,
    enrolmentCodeHash: '0'.repeat(64),
    publicKey: toHex(device.key.publicKey),
    enrolledAt: '2026-11-23T08:00:00.000Z',
  });
}
