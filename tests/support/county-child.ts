import { readCountyDirectory } from '../../src/server/county/directory';
import { openCountyDirectory, startCounty } from '../../src/server/http/county-server';
import { askPassphrase } from '../../src/server/cli-prompt';

/*
 * A county server process for the fault suite (started by county-process.ts through tsx): a county
 * directory made by `county init`, opened the way `county serve` opens it (directory, passphrase from
 * $COUNTY_PASSPHRASE, startCounty: ingest what is stored, then listen), so SIGKILL is a real crash of
 * the real server. One addition: with $COUNTY_CRASH_AT_SEQ = n, the ingest transaction of batch n says
 * `mid-ingest n` on stdout after writing its rows, before commit, and waits there; the parent kills the
 * process at that moment — a crash with an ingest transaction open. The parent's stdin closing (the test
 * runner gone) ends the process, so no county outlives its test.
 */

const out = (line: string) => process.stdout.write(`${line}\n`);
/** Rate limits are not what the fault suite is about (a generous bucket, as in the test county). */
const GENEROUS = { burst: 100_000, perSecond: 100_000 };

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: county-child <county directory>');
  const crashAt = Number(process.env.COUNTY_CRASH_AT_SEQ ?? '0');
  const county = readCountyDirectory(dir);
  const { keys, store, tls } = await openCountyDirectory(county, await askPassphrase(process.env));
  const running = await startCounty({
    store,
    keys,
    tls,
    host: county.config.host,
    port: county.config.port,
    rateLimit: GENEROUS,
    enrolRateLimit: GENEROUS,
    addressRateLimit: GENEROUS,
    onIngestError: (e) => process.stderr.write(`ingest error: ${e instanceof Error ? e.name : typeof e}\n`),
    beforeCommit: async ({ seq }) => {
      if (seq !== crashAt) return;
      out(`mid-ingest ${seq}`);
      await new Promise<never>(() => undefined);
    },
  });
  out(`ready ${running.port}`);
  const stop = () => {
    void running
      .stop(1_000)
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch((e: unknown) => {
  process.stderr.write(`county child failed: ${e instanceof Error ? `${e.name} ${e.message}` : typeof e}\n`);
  process.exit(1);
});
