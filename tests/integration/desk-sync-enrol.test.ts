// Enrolment of a real desk (IPC dispatch, encrypted store) with a real county server over real HTTPS.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_MARK_FILE } from '../../src/main/sync/epoch';
import { decodeEnrolmentCode, encodeEnrolmentCode } from '../../src/shared/sync/enrolment';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { addUser, signInFresh } from '../support/desk-fixture';
import { openSyncDesk, type SyncTestDesk } from '../support/desk-sync-fixture';

describe('desk enrolment with the county server', () => {
  let county: TestCounty;
  let d: SyncTestDesk;

  beforeAll(async () => {
    county = await startTestCounty();
  });
  afterAll(async () => {
    await county.stop();
  });
  beforeEach(async () => {
    d = await openSyncDesk();
  });
  afterEach(async () => {
    await d.cleanup();
  });

  it('pins the county keys and certificate, audits without secrets, and happens once', async () => {
    const before = await d.desk.ok('sync.status', null);
    expect(before).toMatchObject({ enrolment: null, epoch: null, lastError: null, nextAttemptAt: null });
    expect(before.pendingChanges).toBeGreaterThan(0); // the admin's user row, captured since setup

    const code = await county.enrol('城关镇');
    const status = await d.desk.ok('sync.enrol', { code });
    const device = await county.store.db.selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(status.enrolment).toMatchObject({
      deviceId: device.id,
      station: '城关镇',
      serverUrl: county.url,
      countyFingerprint: county.keys.fingerprint,
      tlsFingerprint: county.tlsFingerprint,
    });
    expect(status.epoch).toBe(1);
    expect(JSON.parse(readFileSync(join(d.dir, SYNC_MARK_FILE), 'utf8'))).toEqual({
      device: device.id,
      epoch: 1,
      seq: 0,
    });

    const audit = await d.desk.ok('audit.list', { action: 'sync.enrolled' });
    expect(audit.rows).toHaveLength(1);
    const secret = decodeEnrolmentCode(code)?.secret ?? 'missing';
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
    expect(audit.rows[0]?.detail).toMatchObject({ tlsFingerprint: county.tlsFingerprint });

    expect((await d.desk.fails('sync.enrol', { code: await county.enrol('另一站') })).code).toBe(
      'SYNC_ALREADY_ENROLLED',
    );
    expect(await county.store.db.selectFrom('devices').selectAll().execute()).toHaveLength(1);
  });

  it('refuses what is not a code, and a code the county does not know', async () => {
    for (const code of ['hello', 'CDENROL1.', 'CDENROL1.eyJ1cmwiOiJodHRwOi8veCJ9']) {
      expect((await d.desk.fails('sync.enrol', { code })).code).toBe('SYNC_ENROLMENT_CODE_INVALID');
    }
    const unknown = encodeEnrolmentCode({
      url: county.url,
      secret: '0'.repeat(32),
      tls: county.tlsFingerprint,
    });
    expect((await d.desk.fails('sync.enrol', { code: unknown })).code).toBe('SYNC_ENROLMENT_REFUSED');
    expect((await d.desk.ok('sync.status', null)).enrolment).toBeNull();
  });

  it('a code whose TLS pin is not the server certificate sends nothing and pins nothing', async () => {
    const real = await county.enrol('城关镇');
    const decoded = decodeEnrolmentCode(real);
    if (!decoded) throw new Error('the county made an unreadable code');
    const forged = encodeEnrolmentCode({ ...decoded, tls: 'ab'.repeat(32) });

    const error = await d.desk.fails('sync.enrol', { code: forged });
    expect(error.code).toBe('SYNC_CERTIFICATE_MISMATCH');
    expect(error.message).toContain('证书');
    const status = await d.desk.ok('sync.status', null);
    expect(status).toMatchObject({ enrolment: null, epoch: null });
    // The secret never reached the county: the real code is still unused and works.
    const row = await county.store.db
      .selectFrom('enrolments')
      .select('device_id')
      .where('secret_hash', '=', createHash('sha256').update(decoded.secret).digest('hex'))
      .executeTakeFirstOrThrow();
    expect(row.device_id).toBeNull();
    expect((await d.desk.ok('sync.enrol', { code: real })).enrolment?.tlsFingerprint).toBe(
      county.tlsFingerprint,
    );
  });

  it('only an admin enrols; a counsellor may sync', async () => {
    await addUser(d.desk, 'counsellor.s', 'counsellor');
    await signInFresh(d.desk, 'counsellor.s', 'temporary-pass-1', 'counsellor-pass-9');
    const code = await county.enrol('城关镇');
    expect((await d.desk.fails('sync.enrol', { code })).code).toBe('FORBIDDEN');
    expect((await d.desk.fails('sync.now', null)).code).toBe('SYNC_NOT_ENROLLED');
    expect((await d.desk.ok('sync.status', null)).enrolment).toBeNull();
  });

  it('an unreachable county is reported after the retries, and nothing is stored', async () => {
    const stopped = await startTestCounty();
    const code = await stopped.enrol('城关镇');
    await stopped.stop();
    expect((await d.desk.fails('sync.enrol', { code })).code).toBe('SYNC_UNREACHABLE');
    expect((await d.desk.ok('sync.status', null)).enrolment).toBeNull();
  });
});
