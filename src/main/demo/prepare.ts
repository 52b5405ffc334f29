import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { lockDataDir, readJsonFile, writeJsonFile } from '../desk';
import { demoAccounts, type DemoAccount } from './accounts';
import { generateDemoDesk } from './generate';
import type { DemoPhase } from './fill';

/*
 * The demo desk of `npm start -- --demo [--cases N]` (and `npm run harness -- --demo`): its own data
 * directory (.data/demo/<N> in the project, never the user's data directory), generated on first use with
 * a progress line, then reused. A marker file says the directory is a demo desk and whether it was
 * finished; a directory that holds a desk without the marker is never touched.
 */

export const DEMO_SEED = 20261203;
export const DEFAULT_DEMO_CASES = 2_000;
export const DEMO_MARKER_FILE = 'demo-desk.json';

const MarkerSchema = z.object({
  state: z.enum(['generating', 'ready']),
  cases: z.number().int(),
  seed: z.number().int(),
  today: z.string(),
  seconds: z.number().optional(),
});
type Marker = z.infer<typeof MarkerSchema>;

/** Where `npm start -- --demo --cases N` keeps its desk (scripts/start.mjs names the same path). */
export function defaultDemoDir(projectRoot: string, cases: number): string {
  return join(projectRoot, '.data', 'demo', String(cases));
}

export interface DemoConsole {
  /** A finished line. */
  line(text: string): void;
  /** The progress line, rewritten in place where the terminal allows it. */
  progress(text: string): void;
}

export interface PreparedDemo {
  accounts: DemoAccount[];
  marker: Marker;
  /** Only when generated just now: shown once, never written down beside the desk. */
  recoveryCode: string | null;
}

export class NotADemoDesk extends Error {
  constructor() {
    super('the directory holds a desk that is not a demo desk');
  }
}

function readMarker(dir: string): Marker | null {
  const read = readJsonFile(join(dir, DEMO_MARKER_FILE), MarkerSchema);
  return read.kind === 'ok' ? read.value : null;
}

const PHASE: Record<DemoPhase, string> = { cases: '案件 cases', search: '检索索引 search index' };

/** The demo desk in `dir`, generated now unless a finished one is there. */
export async function prepareDemoDesk(dir: string, cases: number, out: DemoConsole): Promise<PreparedDemo> {
  const marker = readMarker(dir);
  if (marker?.state === 'ready' && marker.cases === cases) {
    return { accounts: demoAccounts(cases), marker, recoveryCode: null };
  }
  if (marker === null && existsSync(dir) && readdirSync(dir).length > 0) throw new NotADemoDesk();
  if (marker !== null) {
    // Not while another program has it open (DATA_DIR_IN_USE): e.g. a generation still running.
    lockDataDir(dir).release();
    if (marker.state === 'ready') {
      out.line(
        `该目录中的演示数据为 ${marker.cases} 件，重新生成。 The directory held a demo desk of ${marker.cases} cases: generating it again.`,
      );
    }
    // An unfinished demo (interrupted generation) or one of another size is made again from scratch.
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const started: Marker = { state: 'generating', cases, seed: DEMO_SEED, today: '' };
  writeJsonFile(join(dir, DEMO_MARKER_FILE), started);
  out.line(
    `正在生成演示数据（${cases.toLocaleString('en')} 件案件）…… Generating the demo desk (${cases.toLocaleString('en')} cases)…`,
  );
  const t0 = performance.now();
  const demo = await generateDemoDesk(dir, {
    cases,
    seed: DEMO_SEED,
    onProgress: (phase, done, total) => {
      const seconds = ((performance.now() - t0) / 1000).toFixed(0);
      out.progress(
        `  ${PHASE[phase]} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}  (${seconds} s)`,
      );
    },
  });
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const ready: Marker = { state: 'ready', cases, seed: DEMO_SEED, today: demo.today, seconds };
  writeJsonFile(join(dir, DEMO_MARKER_FILE), ready);
  out.line(`演示数据已生成，用时 ${seconds} 秒。 The demo desk is ready (${seconds} s).`);
  return { accounts: demo.accounts, marker: ready, recoveryCode: demo.recoveryCode };
}

const ROLE_ZH: Record<DemoAccount['role'], string> = {
  admin: '管理员',
  director: '主任',
  counsellor: '辅导员',
  volunteer: '志愿者',
};

/** The accounts table for the terminal: one line per role (counsellors share a password). */
export function demoAccountLines(prepared: PreparedDemo): string[] {
  const lines = [
    '  演示账号 Demo accounts（仅限演示数据 demo data only）:',
    `    ${'role'.padEnd(12)}${'username'.padEnd(32)}password`,
  ];
  for (const role of ['admin', 'director', 'counsellor', 'volunteer'] as const) {
    const of = prepared.accounts.filter((a) => a.role === role);
    const first = of[0];
    if (!first) continue;
    const names =
      of.length > 2
        ? `${first.username} … ${of.at(-1)?.username ?? ''}`
        : of.map((a) => a.username).join(', ');
    lines.push(`    ${role.padEnd(12)}${names.padEnd(32)}${first.password.padEnd(22)}${ROLE_ZH[role]}`);
  }
  if (prepared.recoveryCode) {
    lines.push(`    恢复码 recovery code（仅显示这一次 shown this once）: ${prepared.recoveryCode}`);
  }
  return lines;
}
