import { createCipheriv, createHash } from 'node:crypto';
import { databaseKeySealingKey, writeSealedFile } from '../../src/main/desk/sealed-file';

/*
 * A writer process for tests/integration/sealed-file-crash.test.ts, run as
 *   node --import tsx tests/support/sealed-writer-child.ts <folder> <seed> <MiB>
 * It seals <MiB> MiB of content derived from <seed> (an AES-CTR key stream, so the parent can tell this
 * content from any other) into <folder>/backup.cdbk through the real writer, in 64 KiB chunks, and prints:
 *   content <sha256 of the content>   before it starts writing
 *   progress <plaintext bytes>        after each chunk is written
 *   done <file bytes>                 once the file has its final name
 * The parent kills it with SIGKILL at a random moment. Lines carry counters and hashes only.
 */

const CRASH_DB_KEY = createHash('sha256').update('sealed-file crash test database key').digest();
const CRASH_FILE = 'backup.cdbk';
const CHUNK = 64 * 1024;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const [folder, seedText, mibText] = process.argv.slice(2);
  if (!folder || !seedText || !mibText) throw new Error('usage: sealed-writer-child <folder> <seed> <MiB>');
  const key = createHash('sha256').update(`seed ${seedText}`).digest();
  const content = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(
    Buffer.alloc(Number(mibText) * 1024 * 1024),
  );
  out(`content ${createHash('sha256').update(content).digest('hex')}`);
  const sealing = databaseKeySealingKey(
    CRASH_DB_KEY,
    { format: 'counseldesk-keyring' },
    { chunkBytes: CHUNK },
  );
  function* pieces(): Generator<Buffer> {
    for (let at = 0; at < content.length; at += 100_000) yield content.subarray(at, at + 100_000);
  }
  const written = await writeSealedFile(folder, CRASH_FILE, sealing, pieces(), {
    onProgress: (n) => out(`progress ${n}`),
  });
  out(`done ${written.bytes}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
