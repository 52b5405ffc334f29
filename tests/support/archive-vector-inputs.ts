/*
 * The fixed inputs of docs/archive-format.md § Test vectors (scripts/archive-vectors.ts writes the section
 * from them; tests/unit/archive-vector.test.ts reads the section back). Test values only: the salts and the
 * database key are SHA-256 of fixed labels, printed in the document, and must never protect anything.
 */
import { createHash } from 'node:crypto';

const label = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Lines of `count` NDJSON objects after `first`, each line ending with "\n", about `bytes` in all. */
function lines(first: string, bytes: number, line: (n: number) => string): readonly string[] {
  const out = [first];
  let total = Buffer.byteLength(`${first}\n`);
  for (let n = 1; total < bytes; n++) {
    const next = line(n);
    out.push(next);
    total += Buffer.byteLength(`${next}\n`);
  }
  return out;
}

export const CASE_ARCHIVE_VECTOR = {
  /** "Café" with a combining acute accent (U+0065 U+0301): the NFC form composes it to U+00E9. */
  passphrase: 'Cafe\u0301 正确 马 电池 订书钉',
  salt: label('counseldesk archive vector: case-archive salt').slice(0, 32),
  N: 2 ** 14,
  chunkBytes: 1024,
  /** Two full chunks and a final one of the rest. */
  lines: lines(JSON.stringify({ type: 'manifest' }), 2300, (n) =>
    JSON.stringify({ type: 'example', n, text: `测试向量第 ${n} 行：不是真实数据。` }),
  ),
} as const;

export const DESK_BACKUP_VECTOR = {
  databaseKey: label('counseldesk archive vector: database key'),
  salt: label('counseldesk archive vector: desk-backup salt').slice(0, 32),
  chunkBytes: 1024,
  /** A stand-in: a real backup carries the desk's keyring.json here (§ Backup content). */
  keyring: { format: 'counseldesk-keyring', version: 2, note: 'stand-in for keyring.json' },
  /** A stand-in for the bytes of a SQLite backup: two full chunks and a final one. */
  lines: lines(
    'stand-in for the bytes of a database backup (not SQLite: any bytes may be sealed)',
    2100,
    (n) => `line ${String(n).padStart(4, '0')} of the stand-in content, plain ASCII text for the vector`,
  ),
} as const;
