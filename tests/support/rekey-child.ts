import { openStore, rekeyStore } from '../../src/main/desk/store';

/*
 * A desk process that rekeys its store (started by key-rotation.test.ts through tsx) so that SIGKILL is a
 * real crash in the middle of SQLCipher's rekey. Keys come in $REKEY_OLD / $REKEY_NEW (hex). A small page
 * cache makes the rekey spill rewritten pages into desk.db before its commit, so a kill can leave the file
 * half old key, half new key (with the hot journal that undoes it).
 */

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: rekey-child <data dir>');
  const oldKey = Buffer.from(process.env.REKEY_OLD ?? '', 'hex');
  const newKey = Buffer.from(process.env.REKEY_NEW ?? '', 'hex');
  const store = await openStore(dir, oldKey);
  store.sqlite.pragma('cache_size = 64');
  process.stdout.write('rekeying\n');
  const t0 = performance.now();
  await rekeyStore(store, newKey);
  process.stdout.write(`rekeyed ${Math.round(performance.now() - t0)}\n`);
  await store.close();
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`rekey-child: ${e instanceof Error ? e.name : typeof e}\n`);
  process.exit(1);
});
