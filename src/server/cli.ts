import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { logFailure } from '../shared/failure';
import { fingerprint, isSyncFormatError, serverUrlSchema } from '../shared/sync';
import { askNewPassphrase, askPassphrase, PromptError, type PassphraseSource } from './cli-prompt';
import { writeFileAtomic } from './atomic-file';
import {
  CONFIG_FILE,
  DEFAULT_PORT,
  DEFAULT_SQLITE_FILE,
  TLS_CERT_FILE,
  TLS_KEY_FILE,
  databaseConfig,
  describeDatabase,
  writeCountyConfig,
  type CountyConfig,
  type CountyDirectory,
  COUNTY_KEYS_FILE,
  generateCountyKeys,
  readCountyDirectory,
  readCountyPublicKeys,
  saveCountyKeys,
  generateTlsIdentity,
  groupFingerprint,
  upgradeCounty,
} from './county';
import { openCountyDirectory, startCounty } from './http';
import { createEnrolmentCode } from './enrolment';
import { CountyError, isCountyError } from './errors';
import { ingestPending, unblockDevice } from './ingest';
import {
  countyPeriodReport,
  countyReport,
  countyReportPdf,
  countyWorkbook,
  formatPeriodReport,
  formatReport,
  ReportOutputError,
} from './report';
import { DEFAULT_CHROMIUM, ZH } from '../shared/documents';
import { StatisticsInputSchema } from '../shared/statistics';
import { auditCounty, openCountyStore, revokeDevice, type CountyStore } from './store';
import { importFolder } from './receive';
import { escapeForTerminal } from './terminal-text';

/**
 * `npm run county -- <command>`: the county server's operator commands (docs/county-server.md).
 * Exit codes: 0 done, 1 failed (wrong passphrase, refused, unreachable database …), 2 usage.
 * Prints no secret except the enrolment code that `enrol` exists to print.
 */
const USAGE = `用法（usage）: npm run county -- <command> --dir <county directory> … [--passphrase-fd N]
  init   --dir D --url https://HOST:PORT [--host 0.0.0.0] [--port ${DEFAULT_PORT}] [--postgres URL]
  enrol  --dir D --station NAME
  serve  --dir D
  import <folder> --dir D
  report --dir D [--from YYYY-MM-DD --to YYYY-MM-DD [--xlsx FILE] [--pdf FILE] [--office NAME] [--chromium PATH]]
  unblock --dir D --device DEVICE-ID
  revoke --dir D --device DEVICE-ID
  upgrade --dir D`;

class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

interface Parsed {
  command: string;
  positionals: string[];
  values: Record<string, string | undefined>;
}

function parse(argv: string[]): Parsed {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      url: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      postgres: { type: 'string' },
      station: { type: 'string' },
      device: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      xlsx: { type: 'string' },
      pdf: { type: 'string' },
      office: { type: 'string' },
      chromium: { type: 'string' },
      'passphrase-fd': { type: 'string' },
    },
  });
  const [command = '', ...rest] = positionals;
  return { command, positionals: rest, values };
}

function required(parsed: Parsed, name: string): string {
  const value = parsed.values[name];
  if (value === undefined || value === '') throw new UsageError(`缺少 --${name}（--${name} is required）`);
  return value;
}

function directory(parsed: Parsed): string {
  return resolve(required(parsed, 'dir'));
}

/**
 * `--passphrase-fd N`: read the passphrase from that open descriptor. Under `npm run county` (tsx runs the
 * CLI in a child process that inherits only stdin, stdout and stderr) that is 0: the passphrase piped in.
 */
function passphraseSource(parsed: Parsed): PassphraseSource {
  const text = parsed.values['passphrase-fd'];
  if (text === undefined) return {};
  if (!/^\d{1,4}$/.test(text) || text === '1' || text === '2') {
    throw new UsageError(
      '--passphrase-fd 应为文件描述符，如 0（标准输入）（a file descriptor, e.g. 0 = stdin）',
    );
  }
  return { fd: Number(text) };
}

/** Every command that touches the database: the passphrase unlocks its key (and the county keys). */
async function unlocked(
  parsed: Parsed,
  env: NodeJS.ProcessEnv,
): Promise<{ county: CountyDirectory } & Awaited<ReturnType<typeof openCountyDirectory>>> {
  const county = readCountyDirectory(directory(parsed), env);
  const opened = await openCountyDirectory(county, await askPassphrase(env, passphraseSource(parsed)));
  return { county, ...opened };
}

async function closing<T>(store: CountyStore, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await store.close();
  }
}

const DEVICE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function deviceOption(parsed: Parsed): string {
  const device = required(parsed, 'device');
  if (!DEVICE_ID.test(device)) throw new UsageError('--device 应为设备编号（a device id, lowercase UUID）');
  return device;
}

async function fingerprints(dir: string, tlsFingerprint: string): Promise<void> {
  const keys = readCountyPublicKeys(join(dir, COUNTY_KEYS_FILE));
  out('电话核对指纹（fingerprints to compare by phone）:');
  out(`  服务器证书（TLS certificate）: ${groupFingerprint(tlsFingerprint)}`);
  out(`  县级加密公钥（county key）:    ${groupFingerprint(await fingerprint(keys.encryptionPublicKey))}`);
  out(`  回执签名公钥（receipt key）:   ${groupFingerprint(await fingerprint(keys.signingPublicKey))}`);
}

async function init(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const dir = directory(parsed);
  const urlText = required(parsed, 'url');
  if (!serverUrlSchema.safeParse(urlText).success) {
    throw new UsageError('--url 须为 https://主机[:端口]（--url must be https://host[:port]）');
  }
  const url = new URL(urlText);
  const port = Number(parsed.values.port ?? (url.port || DEFAULT_PORT));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port: 1–65535');
  const host = parsed.values.host ?? '0.0.0.0';
  const files = [CONFIG_FILE, COUNTY_KEYS_FILE, TLS_CERT_FILE, TLS_KEY_FILE];
  const existing = files.filter((file) => existsSync(join(dir, file)));
  if (existing.length > 0) {
    throw new CountyError('COUNTY_EXISTS', `the directory already holds a county (${existing.join(', ')})`);
  }
  const config: CountyConfig = {
    publicUrl: url.origin,
    host,
    port,
    database: parsed.values.postgres
      ? { kind: 'postgres', url: parsed.values.postgres }
      : { kind: 'sqlite', path: DEFAULT_SQLITE_FILE },
  };
  const passphrase = await askNewPassphrase(env, passphraseSource(parsed));
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  // The database first (keys made in memory only): a wrong PostgreSQL URL fails before any file is written.
  const keys = await generateCountyKeys();
  const database = databaseConfig(dir, config, env);
  const store = await openCountyStore({ ...database, key: keys.databaseKey });
  await store.close();
  const tls = await generateTlsIdentity({ hosts: [url.hostname, host] });
  // The TLS private key is sealed with the county keys: no clear key file.
  await saveCountyKeys(join(dir, COUNTY_KEYS_FILE), keys, passphrase, { tlsKeyPem: tls.keyPem });
  writeFileAtomic(join(dir, TLS_CERT_FILE), tls.certPem);
  // county.json last: its presence means a complete county.
  writeCountyConfig(dir, config);

  out(`县级服务器已建立（county created）: ${dir}`);
  out(`  地址（desks connect to）: ${config.publicUrl}`);
  out(`  监听（listens on）: ${host}:${port}`);
  out(`  数据库（database）: ${describeDatabase(database)}`);
  await fingerprints(dir, tls.fingerprint);
  out('请牢记口令：忘记口令将无法打开已收到的数据（keep the passphrase: without it no batch can be opened）');
  return 0;
}

async function enrol(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const station = required(parsed, 'station');
  const { county, store } = await unlocked(parsed, env);
  return closing(store, async () => {
    const now = new Date();
    const { code, expiresAt } = await createEnrolmentCode(store, {
      station,
      url: county.config.publicUrl,
      tlsFingerprint: county.certificate.fingerprint,
      now,
    });
    await auditCounty(store.db, 'enrol', null, now);
    out('一次性登记码（one-time enrolment code）— 请交给该工作站的管理员（give it to the station admin）:');
    out();
    out(code);
    out();
    out(`有效期至（valid until）: ${expiresAt}`);
    await fingerprints(county.dir, county.certificate.fingerprint);
    return 0;
  });
}

async function serve(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const { county, keys, store, tls } = await unlocked(parsed, env);
  out('入库已有批次（ingesting stored batches）…');
  const running = await startCounty({
    store,
    keys,
    tls,
    host: county.config.host,
    port: county.config.port,
    onInternalError: (e) => logFailure('county', 'request', e),
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
  out(
    `县级服务器运行中（serving）: https://${county.config.host}:${running.port}  (${county.config.publicUrl})`,
  );
  out(`  数据库（database）: ${describeDatabase(county.database)}`);
  out(`  证书指纹（TLS fingerprint）: ${groupFingerprint(tls.fingerprint)}`);
  out('按 Ctrl-C 停止（Ctrl-C stops）');
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      out(`正在停止（stopping, ${signal}）…`);
      void running.stop().finally(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await store.close();
  out('已停止（stopped）');
  return 0;
}

async function importCommand(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const [folder, ...extra] = parsed.positionals;
  if (!folder || extra.length > 0) throw new UsageError('import 需要一个文件夹（import takes one folder）');
  const { keys, store } = await unlocked(parsed, env);
  try {
    const summary = await importFolder(store, keys, resolve(folder));
    out(`批次文件（batch files）: ${summary.files}`);
    out(`  新存入（stored）: ${summary.stored}，已有（already held）: ${summary.replayed}`);
    out(`  回执文件（receipt files written）: ${summary.receipts.length}`);
    for (const failure of summary.failed) {
      out(`  拒收（refused）: ${escapeForTerminal(failure.file)} — ${failure.code}`);
    }
    const ingested = await ingestPending(store, keys);
    out(`入库（ingested）: ${ingested.batches} 批 / ${ingested.changes} 条变更（batches / changes）`);
    if (ingested.blocked > 0) out(`  无法打开（blocked）: ${ingested.blocked}`);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/**
 * `report`: the county's standing figures; with `--from` and `--to` (office-local dates, inclusive) the
 * period's indicators of docs/indicators.md instead, per station and in total — and, with `--xlsx` and/or
 * `--pdf`, the same workbook and printed report a desk makes, for the county (each file written whole or
 * not at all).
 */
async function report(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const period = periodOption(parsed);
  const files = reportFiles(parsed, period !== null);
  const { store } = await unlocked(parsed, env);
  const made = await closing(store, async () => {
    if (!period) {
      out(formatReport(await countyReport(store)));
      return null;
    }
    const figures = await countyPeriodReport(store, period);
    out(formatPeriodReport(figures));
    return figures;
  });
  if (!made) return 0;
  const office = parsed.values['office'] || ZH.ledgerTexts.countyOffice;
  if (files.xlsx) {
    writeFileAtomic(files.xlsx, await countyWorkbook(made, office));
    out(`已写入工作表（workbook written）: ${files.xlsx}`);
  }
  if (files.pdf) {
    const chromium = parsed.values['chromium'] || env['COUNSELDESK_CHROMIUM'] || DEFAULT_CHROMIUM;
    writeFileAtomic(files.pdf, await countyReportPdf(made, office, chromium));
    out(`已写入统计报表（report written）: ${files.pdf}`);
  }
  return 0;
}

/** `--xlsx` / `--pdf`: only with a period, each an absolute path to a file of that kind. */
function reportFiles(parsed: Parsed, hasPeriod: boolean): { xlsx: string | null; pdf: string | null } {
  const file = (name: 'xlsx' | 'pdf'): string | null => {
    const value = parsed.values[name];
    if (value === undefined) return null;
    if (!hasPeriod) throw new UsageError(`--${name} 需要 --from 与 --to（--${name} needs a period）`);
    if (!value.toLowerCase().endsWith(`.${name}`)) {
      throw new UsageError(`--${name} 的文件名应以 .${name} 结尾（the file name must end in .${name}）`);
    }
    return resolve(value);
  };
  return { xlsx: file('xlsx'), pdf: file('pdf') };
}

function periodOption(parsed: Parsed): { from: string; to: string } | null {
  const { from, to } = parsed.values;
  if (from === undefined && to === undefined) return null;
  const input = StatisticsInputSchema.safeParse({ from, to });
  if (!input.success) {
    throw new UsageError(
      '--from 与 --to 应为日期 YYYY-MM-DD，且 --from 不晚于 --to（dates YYYY-MM-DD, from on or before to）',
    );
  }
  return { from: input.data.from, to: input.data.to };
}

/** After a blocked batch's cause was fixed: the device's blocked epochs are retried by the next ingest. */
async function unblock(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const device = deviceOption(parsed);
  const { store } = await unlocked(parsed, env);
  return closing(store, async () => {
    const now = new Date();
    const count = await unblockDevice(store, device, now);
    await auditCounty(store.db, 'unblock', device, now);
    out(
      count > 0
        ? `已解除 ${count} 个阻塞的批次序列；下次接收或导入时会重新应用（unblocked; retried at the next ingest）`
        : '该设备没有被阻塞的批次（nothing blocked for this device）',
    );
    return 0;
  });
}

/**
 * A desk that is lost, stolen or retired: its uploads (HTTPS and USB) and enrolment replays are refused
 * from now on (DEVICE_REVOKED); what it sent before stays. Audited. Not undone by any command: a desk
 * that is back in service is enrolled again with a new code.
 */
async function revoke(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const device = deviceOption(parsed);
  const { store } = await unlocked(parsed, env);
  return closing(store, async () => {
    if (!(await revokeDevice(store, device, new Date()))) {
      throw new CountyError('UNKNOWN_DEVICE', 'no enrolled device has this id');
    }
    out(
      '已注销该设备：此后的上传和重复登记都会被拒绝（device revoked: uploads and enrolment replays refused）',
    );
    return 0;
  });
}

/** A county made by an older version: seal the TLS key, encrypt the database (docs: Upgrading). */
async function upgrade(parsed: Parsed, env: NodeJS.ProcessEnv): Promise<number> {
  const county = readCountyDirectory(directory(parsed), env);
  const passphrase = await askPassphrase(env, passphraseSource(parsed));
  const summary = await upgradeCounty(county, passphrase);
  out(`密钥文件（key file）: ${summary.keyFile ? '已升级（upgraded）' : '无需升级（already current）'}`);
  if (county.database.kind === 'sqlite') {
    out(
      `数据库（database）: ${summary.databaseEncrypted ? '已加密（encrypted）' : '已是加密的（already encrypted）'}`,
    );
  }
  if (summary.tlsKeyRemoved) out(`已删除明文 ${TLS_KEY_FILE}（removed the clear TLS key file）`);
  out('升级完成（upgrade done）');
  return 0;
}

const COMMANDS: Record<string, (parsed: Parsed, env: NodeJS.ProcessEnv) => Promise<number>> = {
  init,
  enrol,
  serve,
  import: importCommand,
  report,
  unblock,
  revoke,
  upgrade,
};

function describeFailure(e: unknown): string {
  if (isCountyError(e)) {
    if (e.code === 'WRONG_PASSPHRASE') return '口令不对，无法打开县级密钥（wrong passphrase）';
    if (e.code === 'BAD_CONFIG')
      return `县级目录或配置有误（county directory or configuration problem）: ${e.reason}`;
    if (e.code === 'COUNTY_EXISTS')
      return `该目录已有县级服务器，不会覆盖（will not overwrite）: ${e.reason}`;
    if (e.code === 'UPGRADE_NEEDED')
      return `该县级目录由旧版本建立，请先运行 county upgrade（run \`county upgrade\` first）: ${e.reason}`;
    return `${e.code}: ${e.reason}`;
  }
  if (isSyncFormatError(e)) return `${e.code}: ${e.reason}`;
  if (e instanceof PromptError || e instanceof ReportOutputError) return e.message;
  const code = typeof e === 'object' && e !== null && 'code' in e ? ` ${String(e.code)}` : '';
  // File-system and network errors name a path or an address, not data; driver messages are not shown.
  if (code.startsWith(' E')) return `系统错误（system error）:${code} ${e instanceof Error ? e.message : ''}`;
  return `失败（failed）: ${e instanceof Error ? e.name : typeof e}${code}`;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch {
    err(USAGE);
    return 2;
  }
  const command = COMMANDS[parsed.command];
  if (!command) {
    err(USAGE);
    return 2;
  }
  try {
    return await command(parsed, env);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      err(USAGE);
      return 2;
    }
    err(describeFailure(e));
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
