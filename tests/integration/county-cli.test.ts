// The county operator commands as an operator runs them: `tsx src/server/cli.ts …` in child processes, a
// temp county directory, the passphrase from $COUNTY_PASSPHRASE. Few spawns (tsx starts slowly), each
// checked for exit code, output and the files it leaves.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCountyDirectory, unlockCountyDirectory } from '../../src/server/county/directory';
import { addDevice, openCountyStore, type CountyStore } from '../../src/server/store/store';
import { certificateFingerprint, groupFingerprint } from '../../src/server/county/tls';
import {
  ZERO_HASH,
  decodeEnrolmentCode,
  fromHex,
  generateSigningKeyPair,
  sealBatch,
  toHex,
} from '../../src/shared/sync';
import { pinnedRequest } from '../support/county-server';
import { sheetsAsCsv } from '../support/ledger-soffice';
import { tempDir } from '../support/tmp';

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PASSPHRASE = 'county passphrase for tests';
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tmp = tempDir('county-cli-');
const dir = join(tmp.dir, 'county');
let port = 0;

function env(passphrase = PASSPHRASE): NodeJS.ProcessEnv {
  return { ...process.env, COUNTY_PASSPHRASE: passphrase, COUNTY_DATABASE_URL: '' };
}

function county(args: string[], options: { passphrase?: string; until?: RegExp } = {}) {
  const child = spawn(process.execPath, [TSX, 'src/server/cli.ts', ...args], {
    cwd: ROOT,
    env: env(options.passphrase),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  const until = options.until;
  const ready = until
    ? new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => until.test(stdout) && resolve());
        void done.then(() => reject(new Error(`exited before ready: ${stdout}${stderr}`)));
      })
    : Promise.resolve();
  return { child, done, ready };
}

const run = (args: string[], passphrase?: string) => county(args, { passphrase }).done;

/** The county's encrypted database, opened the way `serve` opens it (the passphrase unlocks its key). */
async function openCounty(): Promise<CountyStore> {
  const unlocked = await unlockCountyDirectory(readCountyDirectory(dir, env()), PASSPHRASE);
  return openCountyStore(unlocked.database);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
});
afterAll(() => {
  tmp.cleanup();
});

describe('county CLI', () => {
  let tlsFingerprint = '';

  it('init makes a county directory once, and refuses to overwrite it', async () => {
    const init = await run([
      'init',
      '--dir',
      dir,
      '--url',
      `https://127.0.0.1:${port}`,
      '--host',
      '127.0.0.1',
    ]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      // No tls-key.pem: the TLS private key is sealed in county-keys.json with the other keys.
      ['county-keys.json', 'county.db', 'county.json', 'tls-cert.pem'].sort(),
    );
    for (const secret of ['county-keys.json', 'county.json']) {
      expect(statSync(join(dir, secret)).mode & 0o077).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'county.json'), 'utf8'))).toEqual({
      publicUrl: `https://127.0.0.1:${port}`,
      host: '127.0.0.1',
      port,
      database: { kind: 'sqlite', path: 'county.db' },
    });
    tlsFingerprint = certificateFingerprint(readFileSync(join(dir, 'tls-cert.pem'), 'utf8'));
    expect(init.stdout).toContain(groupFingerprint(tlsFingerprint));
    expect(init.stdout + readFileSync(join(dir, 'county-keys.json'), 'utf8')).not.toContain(PASSPHRASE);

    const before = readFileSync(join(dir, 'county-keys.json'), 'utf8');
    const again = await run(['init', '--dir', dir, '--url', `https://127.0.0.1:${port}`]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('will not overwrite');
    expect(readFileSync(join(dir, 'county-keys.json'), 'utf8')).toBe(before);
  });

  it('enrol prints a one-time code carrying the URL and the certificate pin, and the fingerprints', async () => {
    const enrol = await run(['enrol', '--dir', dir, '--station', '城关镇工作站']);
    expect(enrol.code).toBe(0);
    const line = enrol.stdout.split('\n').find((l) => l.startsWith('CDENROL1.')) ?? '';
    const code = decodeEnrolmentCode(line);
    expect(code).toMatchObject({ url: `https://127.0.0.1:${port}`, tls: tlsFingerprint });
    expect(enrol.stdout).toContain(groupFingerprint(tlsFingerprint));
    const store = await openCounty();
    try {
      const rows = await store.db.selectFrom('enrolments').select(['station', 'device_id']).execute();
      expect(rows).toEqual([{ station: '城关镇工作站', device_id: null }]);
    } finally {
      await store.close();
    }
  });

  it('import stores USB batch files, writes receipts and ingests; a wrong passphrase exits 1', async () => {
    const desk = await generateSigningKeyPair();
    const keyFile = JSON.parse(readFileSync(join(dir, 'county-keys.json'), 'utf8')) as {
      encryptionPublicKey: string;
    };
    const store = await openCounty();
    await addDevice(store.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: toHex(desk.publicKey),
      enrolledAt: new Date().toISOString(),
    });
    await store.close();
    const stick = join(tmp.dir, 'stick');
    mkdirSync(stick);
    let prev = ZERO_HASH;
    for (const seq of [1, 2]) {
      const id = `0190a7c2-0000-7000-8000-00000000000${seq}`;
      const now = new Date().toISOString();
      // a synced table: the county applies no other (UNKNOWN_TABLE)
      const line = {
        seq,
        table: 'outreach_events',
        id,
        op: 'insert',
        version: 1,
        changedAt: now,
        row: { id },
      };
      const batch = await sealBatch({
        device: DEVICE,
        epoch: 1,
        seq,
        prev,
        count: 1,
        createdAt: now,
        plaintext: gzipSync(`${JSON.stringify(line)}\n`),
        countyPublicKey: fromHex(keyFile.encryptionPublicKey) ?? new Uint8Array(),
        deviceSigningKey: desk.privateKey,
      });
      writeFileSync(join(stick, `${DEVICE}-1-${seq}.cdsb`), batch.bytes);
      prev = batch.hash;
    }

    const wrong = await run(['import', stick, '--dir', dir], 'not the passphrase');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('wrong passphrase');
    expect(existsSync(join(stick, `${DEVICE}-1-1.cdsr`))).toBe(false);

    const imported = await run(['import', stick, '--dir', dir]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(readdirSync(stick).filter((name) => name.endsWith('.cdsr'))).toEqual([
      `${DEVICE}-1-1.cdsr`,
      `${DEVICE}-1-2.cdsr`,
    ]);
    expect(imported.stdout).toContain('入库（ingested）: 2 批 / 2 条变更');
  });

  it('import prints file names from the stick with control characters escaped', async () => {
    const stick = join(tmp.dir, 'stick-names');
    mkdirSync(stick);
    // A name that would clear the operator's screen, and one that would forge a line of the report.
    writeFileSync(join(stick, '\x1b[2J.cdsb'), 'x');
    writeFileSync(join(stick, 'a\n  新存入（stored）: 99.cdsb'), 'x');
    const imported = await run(['import', stick, '--dir', dir]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).not.toContain('\x1b');
    expect(imported.stdout).toContain('拒收（refused）: \\x1b[2J.cdsb — BAD_FILE_NAME');
    expect(imported.stdout).toContain('拒收（refused）: a\\n  新存入（stored）: 99.cdsb — BAD_FILE_NAME');
    expect(imported.stdout.split('\n').filter((l) => l.startsWith('  新存入'))).toHaveLength(1);
  });

  it('report prints the county figures (the passphrase unlocks the encrypted database)', async () => {
    const locked = await run(['report', '--dir', dir], 'not the passphrase');
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('wrong passphrase');
    const report = await run(['report', '--dir', dir]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(DEVICE);
  });

  it("report --from --to --xlsx --pdf writes the period's workbook and printed report, whole", async () => {
    const xlsx = join(tmp.dir, '县级统计.xlsx');
    const pdf = join(tmp.dir, '县级统计.pdf');
    const period = ['--from', '2026-01-01', '--to', '2026-12-31'];
    const wrongKind = await run(['report', '--dir', dir, ...period, '--xlsx', join(tmp.dir, 'x.csv')]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('.xlsx');
    const noPeriod = await run(['report', '--dir', dir, '--pdf', pdf]);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('--pdf 需要 --from 与 --to');
    expect(existsSync(pdf)).toBe(false);

    const made = await run([
      'report',
      '--dir',
      dir,
      ...period,
      '--office',
      '城关县婚姻家庭辅导中心',
      '--xlsx',
      xlsx,
      '--pdf',
      pdf,
    ]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`已写入工作表（workbook written）: ${xlsx}`);
    expect(made.stdout).toContain(`已写入统计报表（report written）: ${pdf}`);
    // No temp file is left beside them.
    expect(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // LibreOffice opens the workbook: the forms and 各站汇总 with one column per station and the total.
    const sheets = sheetsAsCsv(xlsx);
    expect([...sheets.keys()].sort()).toEqual(['汇总', '辅导服务统计表', '各站汇总'].sort());
    const byStation = sheets.get('各站汇总')!;
    expect(byStation[1]?.[0]).toContain('城关县婚姻家庭辅导中心');
    expect(byStation[3]).toEqual(['指标', '单位', 'station', '全县合计']);
    expect(byStation.find((r) => r[0] === '辅导率')?.slice(2)).toEqual(['—', '—']);

    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('婚姻家庭辅导工作统计年报');
    expect(text).toContain('城关县婚姻家庭辅导中心');
    expect(text).toContain('全县 1 个站点');
  }, 120_000);

  it('unblock says when a device has nothing blocked, and refuses what is not a device id', async () => {
    const none = await run(['unblock', '--dir', dir, '--device', DEVICE]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('该设备没有被阻塞的批次');
    const bad = await run(['unblock', '--dir', dir, '--device', 'station-1']);
    expect(bad.code).toBe(2);
  });

  it('revoke marks a device revoked and audits it; an unknown device exits 1', async () => {
    const unknown = await run(['revoke', '--dir', dir, '--device', '0190a7c2-0000-7000-8000-00000000dead']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('UNKNOWN_DEVICE');
    const revoked = await run(['revoke', '--dir', dir, '--device', DEVICE]);
    expect(revoked.stderr).toBe('');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('device revoked');
    const store = await openCounty();
    try {
      const device = await store.db
        .selectFrom('devices')
        .select('revoked_at')
        .where('id', '=', DEVICE)
        .executeTakeFirstOrThrow();
      expect(device.revoked_at).not.toBeNull();
      const audit = await store.db
        .selectFrom('county_audit')
        .select(['action', 'device'])
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'enrol', device: null },
        { action: 'unblock', device: DEVICE },
        { action: 'revoke', device: DEVICE },
      ]);
    } finally {
      await store.close();
    }
  });

  it('serve answers over pinned HTTPS and stops cleanly on SIGTERM', async () => {
    const serve = county(['serve', '--dir', dir], { until: /serving/ });
    await serve.ready;
    const pem = readFileSync(join(dir, 'tls-cert.pem'), 'utf8');
    const health = await pinnedRequest(`https://127.0.0.1:${port}/health`, {
      certPem: pem,
      fingerprint: tlsFingerprint,
    });
    expect(health.status).toBe(200);
    serve.child.kill('SIGTERM');
    const ended = await serve.done;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain('stopped');
  });
});
