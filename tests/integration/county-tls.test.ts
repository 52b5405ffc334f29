// The county server's TLS identity (src/server/county/tls.ts) and HTTPS face, over real TLS handshakes on
// 127.0.0.1: the certificate is a proper P-256 server certificate, a client pinned to it connects whatever
// host name it uses, and a client pinned to another certificate (or asking for TLS < 1.2) is refused.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { connect, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountyServer } from '../../src/server/http/http';
import { generateCountyKeys } from '../../src/server/county/keys';
import { openSqliteStore, type CountyStore } from '../../src/server/store/store';
import { certificateFingerprint, generateTlsIdentity, type TlsIdentity } from '../../src/server/county/tls';
import { pinnedRequest } from '../support/county-server';
import { tempDir } from '../support/tmp';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

let identity: TlsIdentity;
let other: TlsIdentity;
let store: CountyStore;
let server: ReturnType<typeof createCountyServer>;
let port = 0;
const tmp = tempDir('county-tls-');

beforeAll(async () => {
  identity = await generateTlsIdentity({ hosts: ['county.example', '192.168.1.20', '[fd00::5]'], now: NOW });
  other = await generateTlsIdentity({ hosts: [] });
  store = await openSqliteStore(join(tmp.dir, 'county.db'));
  server = createCountyServer({ store, keys: await generateCountyKeys(), tls: identity });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  tmp.cleanup();
});

const sha256 = (der: Buffer) => createHash('sha256').update(der).digest('hex');

/** A raw TLS handshake; resolves with the peer certificate, rejects with the TLS error. */
function handshake(options: ConnectionOptions): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...options }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(cert);
    });
    socket.on('error', reject);
  });
}

const pinTo = (fingerprint: string) => (_host: string, cert: PeerCertificate) =>
  sha256(cert.raw) === fingerprint ? undefined : new Error('pin mismatch');

describe('county TLS identity', () => {
  it('is a self-signed P-256 server certificate for the configured hosts plus loopback', () => {
    const cert = new X509Certificate(identity.certPem);
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(true); // see tls.ts: what BoringSSL needs to use it as its own anchor
    const names = (cert.subjectAltName ?? '').split(', ').sort();
    expect(names).toEqual(
      [
        'DNS:county.example',
        'DNS:localhost',
        'IP Address:127.0.0.1',
        'IP Address:192.168.1.20',
        'IP Address:FD00:0:0:0:0:0:0:5',
      ].sort(),
    );
    expect(Date.parse(cert.validFrom)).toBe(NOW.getTime() - DAY);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(NOW.getUTCFullYear() + 10);
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // extended key usage: serverAuth
  });

  it('fingerprint is the hex SHA-256 of the DER', () => {
    const der = new X509Certificate(identity.certPem).raw;
    expect(identity.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(identity.fingerprint).toBe(sha256(der));
    expect(certificateFingerprint(identity.certPem)).toBe(identity.fingerprint);
    expect(other.fingerprint).not.toBe(identity.fingerprint);
  });

  it('the private key file is PKCS#8 PEM matching the certificate', () => {
    expect(identity.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const cert = new X509Certificate(identity.certPem);
    expect(cert.checkPrivateKey(createPrivateKey(identity.keyPem))).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(other.keyPem))).toBe(false);
  });
});

describe('county HTTPS', () => {
  it('a first, unpinned connection sees the certificate whose SHA-256 is the enrolment pin', async () => {
    const cert = await handshake({ rejectUnauthorized: false });
    expect(sha256(cert.raw)).toBe(identity.fingerprint);
  });

  it('a pinned client connects whatever host name it uses, and gets a Date header', async () => {
    for (const servername of ['localhost', 'county.example', 'not-in-the-certificate.example']) {
      const cert = await handshake({
        ca: [identity.certPem],
        servername,
        checkServerIdentity: pinTo(identity.fingerprint),
      });
      expect(sha256(cert.raw)).toBe(identity.fingerprint);
    }
    const pin = { certPem: identity.certPem, fingerprint: identity.fingerprint };
    const response = await pinnedRequest(`https://127.0.0.1:${port}/health`, pin);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
    const date = Date.parse(String(response.headers.date));
    expect(Math.abs(date - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a client pinned to another certificate', async () => {
    await expect(handshake({ ca: [other.certPem] })).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    await expect(
      pinnedRequest(`https://127.0.0.1:${port}/health`, {
        certPem: other.certPem,
        fingerprint: other.fingerprint,
      }),
    ).rejects.toThrow();
  });

  it('refuses when the CA matches but the fingerprint check does not (a changed pin)', async () => {
    await expect(
      handshake({ ca: [identity.certPem], checkServerIdentity: pinTo(other.fingerprint) }),
    ).rejects.toThrow('pin mismatch');
  });

  it('refuses a client without the pin (no public CA vouches for the certificate)', async () => {
    await expect(handshake({})).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('refuses TLS older than 1.2', async () => {
    await expect(
      handshake({ rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }),
    ).rejects.toThrow();
    const cert = await handshake({ rejectUnauthorized: false, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(sha256(cert.raw)).toBe(identity.fingerprint);
  });
});
