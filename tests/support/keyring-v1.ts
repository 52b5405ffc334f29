import { createCipheriv, createHmac, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A writer of the version-1 keyring format exactly as the desk wrote it before version 2 (every slot
 * wraps the database key directly under scrypt N=2^15, user slots found by an HMAC of the username under
 * the file's keyringSalt): the migration tests start from real version-1 files.
 */

const FORMAT = 'counseldesk-keyring';
const SUITE = 'scrypt-aes256gcm-v1';

function sealV1(dbKey: Buffer, secret: Buffer, head: { id: string; kind: string; userId?: string }) {
  const kdf = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const kek = scryptSync(secret, Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: 8,
    p: 1,
    maxmem: 2 ** 26,
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: 16 });
  cipher.setAAD(
    Buffer.from(JSON.stringify([FORMAT, 1, SUITE, head.kind, head.id, head.userId ?? null]), 'utf8'),
  );
  const ciphertext = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return {
    kdf,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function writeKeyringV1(
  dir: string,
  dbKey: Buffer,
  users: Array<{ userId: string; username: string; password: string }>,
  recoveryCode: string | null,
): void {
  const keyringSalt = randomBytes(32);
  const slots: unknown[] = users.map((u) => {
    const head = { id: randomUUID(), kind: 'user', userId: u.userId };
    const lookup = createHmac('sha256', keyringSalt).update(u.username.toLowerCase(), 'utf8').digest('hex');
    return { ...head, lookup, ...sealV1(dbKey, Buffer.from(u.password.normalize('NFC'), 'utf8'), head) };
  });
  if (recoveryCode !== null) {
    const head = { id: randomUUID(), kind: 'recovery' };
    const normalized = recoveryCode
      .toUpperCase()
      .replace(/[\s-]+/g, '')
      .replace(/O/g, '0')
      .replace(/[IL]/g, '1');
    slots.push({ ...head, ...sealV1(dbKey, Buffer.from(normalized, 'utf8'), head) });
  }
  const keyring = {
    format: FORMAT,
    version: 1,
    suite: SUITE,
    keyringSalt: keyringSalt.toString('base64'),
    keyCheck: createHmac('sha256', dbKey).update('counseldesk-keyring key check v1', 'utf8').digest('hex'),
    slots,
  };
  writeFileSync(join(dir, 'keyring.json'), `${JSON.stringify(keyring, null, 2)}\n`);
}
