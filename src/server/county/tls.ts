// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill
// loaded before it (the library's README says so).
import 'reflect-metadata';
import { X509Certificate as NodeX509, KeyObject, createHash, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

/**
 * The county server's TLS identity: a self-signed ECDSA P-256 certificate for the LAN. Nobody vouches for
 * it; desks trust it because the enrolment code carries its fingerprint (hex SHA-256 of the DER), and from
 * then on they pin the certificate itself, so its host names matter little (docs/sync-format.md,
 * "Enrolment"). It is still a well-formed server certificate (SANs, serverAuth) so ordinary TLS clients
 * that are handed it as their only `ca` accept it.
 */
export interface TlsIdentity {
  certPem: string;
  keyPem: string;
  fingerprint: string;
}

/** Valid from a day back (desk clocks run slow) for ten years: nobody renews a LAN certificate. */
const BACKDATE_MS = 24 * 60 * 60 * 1000;
const VALID_YEARS = 10;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

// @peculiar/x509 defaults to globalThis.crypto; set it explicitly so the server never depends on that.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** Always 127.0.0.1 and localhost, plus the configured names and addresses, without duplicates. */
function subjectAltNames(hosts: readonly string[]): x509.JsonGeneralName[] {
  const all = [...new Set(['127.0.0.1', 'localhost', ...hosts.map((h) => h.trim().replace(/^\[|\]$/g, ''))])];
  return all
    .filter((host) => host.length > 0 && host !== '0.0.0.0' && host !== '::')
    .map((host) => ({ type: isIP(host) ? 'ip' : 'dns', value: host }));
}

export async function generateTlsIdentity(input: { hosts: string[]; now?: Date }): Promise<TlsIdentity> {
  const now = input.now ?? new Date();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  // A positive serial: first bit cleared so DER needs no sign byte games.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: 'CN=CounselDesk county server',
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      // Shaped like `openssl req -x509` output (CA:TRUE, keyCertSign) on purpose: BoringSSL (Electron's
      // Node, i.e. the desk) counts a certificate as self-signed — usable as its own trust anchor in `ca` —
      // only if its key usage allows certificate signing. pathlen 0, and desks compare the leaf's
      // fingerprint as well, so anything this key might sign is still refused.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(subjectAltNames(input.hosts)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString('pem');
  const keyPem = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certPem, keyPem, fingerprint: certificateFingerprint(certPem) };
}

/** Lowercase hex SHA-256 of the certificate's DER: the pin the enrolment code carries. */
export function certificateFingerprint(certPem: string): string {
  return createHash('sha256').update(new NodeX509(certPem).raw).digest('hex');
}

/** "abcd ef01 …": how the operator reads a fingerprint out over the phone. */
export function groupFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}
