import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules (docs/architecture.md "The picture") are lint rules (eslint.config.mjs); this shows they
// fire on a forbidden import and stay quiet on an allowed one. The repository's real config runs; only type
// information is switched off, because these snippets are not files any tsconfig includes (and no layer rule
// needs types).

const root = resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
});

async function ruleErrors(ruleId: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  if (!result) throw new Error('no lint result');
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((message) => message.message).join('\n'));
  return result.messages.filter((message) => message.ruleId === ruleId).map((message) => message.message);
}

const layerErrors = (filePath: string, code: string) => ruleErrors('no-restricted-imports', filePath, code);
const moduleErrors = (filePath: string, code: string) =>
  ruleErrors('counseldesk/module-boundaries', filePath, code);

describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/x.ts', "import path from 'path';"],
    ['src/shared/x.ts', "import { app } from 'electron';"],
    ['src/shared/x.ts', "import { useState } from 'react';"],
    ['src/shared/x.ts', "import type { DeskApp } from '../main/app/types';"],
    ['src/shared/ipc/x.ts', "import { createApp } from '../../main/app/create-app';"],
    ['src/main/cases/x.ts', "import { app } from 'electron';"],
    ['src/main/cases/x.ts', "import type { BrowserWindow } from 'electron';"],
    ['src/main/db/deep/x.ts', "import { ipcRenderer } from 'electron/renderer';"],
    ['src/main/x.ts', "import { App } from '../renderer/src/app/App';"],
    ['src/main/cases/x.ts', "import '../../preload/index';"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/src/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/renderer/src/x.ts', "import { createHash } from 'crypto';"],
    ['src/renderer/src/x.ts', "import { createApp } from '../../main/app/create-app';"],
    ['src/renderer/src/screens/x.tsx', "import type { DeskApp } from '../../../main/app/types';"],
    ['src/renderer/src/x.ts', "import { Kysely } from 'kysely';"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/preload/x.ts', "import { z } from 'zod';"],
    ['src/preload/x.ts', "import type { DeskApp } from '../main/app/types';"],
    ['src/server/x.ts', "import { app } from 'electron';"],
    ['src/server/x.ts', "import { createApp } from '../main/app/create-app';"],
    ['src/renderer/src/x.ts', "import { html } from '@shared/documents';"],
    ['src/renderer/src/screens/x.tsx', "import { ZH } from '../../../shared/documents';"],
    ['src/preload/x.ts', "import { html } from '../shared/documents';"],
    ['src/shared/documents/x.ts', "import { useState } from 'react';"],
    ['src/shared/documents/x.ts', "import { createApp } from '../../main/app/create-app';"],
  ])('%s: reports %s', async (filePath, code) => {
    const errors = await layerErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Layer rule/);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/shared/ipc/x.ts', "import { CHANNELS } from './contract';"],
    ['src/shared/ipc/x.ts', "import { ERROR_CODES } from '../errors';"],
    ['src/main/index.ts', "import { app } from 'electron';"],
    ['src/main/platform/x.ts', "import { dialog } from 'electron';"],
    ['src/main/cases/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/main/cases/x.ts', "import { CHANNELS } from '../../shared/contract';"],
    ['src/main/harness/x.ts', "import { startHarness } from './server';"],
    ['src/main/app/x.ts', "import { startHarness } from '../harness/server';"],
    ['src/renderer/src/x.tsx', "import { useState } from 'react';"],
    ['src/renderer/src/x.ts', "import { CHANNELS } from '../../shared/contract';"],
    ['src/renderer/src/app/x.ts', "import './main';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/preload/x.ts', "import { CHANNELS } from '../shared/contract';"],
    ['src/server/x.ts', "import { createServer } from 'node:http';"],
    ['src/server/x.ts', "import { CHANNELS } from '../shared/contract';"],
    ['src/server/report/x.ts', "import { ledgerWorkbook } from '../../shared/documents';"],
    ['src/main/ledger/x.ts', "import { ledgerWorkbook } from '../../shared/documents';"],
    ['src/shared/documents/x.ts', "import ExcelJS from 'exceljs';"],
    ['src/shared/documents/x.ts', "import * as echarts from 'echarts/core';"],
    ['src/shared/documents/x.ts', "import { writeFile } from 'node:fs/promises';"],
    ['src/shared/documents/x.ts', "import { labelsIn } from '../i18n';"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});

// One home per capability (docs/architecture.md "Modules"): another module is reached only through its
// index.ts. These imports name real files, because the rule resolves them.
describe('module rule', () => {
  it.each([
    ['src/main/referrals/x.ts', "import { caseVisibility } from '../cases/access';"],
    ['src/main/dashboard/deep/x.ts', "import { findVisibleCaseOrThrow } from '../../cases/access';"],
    ['src/main/cases/x.ts', "export { appendAudit } from '../audit/audit.repository';"],
    ['src/shared/cases/x.ts', "import { localDateAt } from '../calendar/local-date';"],
    ['src/renderer/src/records/x.tsx', "import { BusyButton } from '../components/BusyButton';"],
    ['src/renderer/src/records/x.tsx', "import type { RecordFields } from '@shared/records/schemas';"],
    ['src/server/ingest/x.ts', "import { openCountyStore } from '../store/store';"],
    ['src/main/harness/x.ts', "import { CONTENT_SECURITY_POLICY } from '../app/csp';"],
    ['src/main/harness/x.ts', "import { mainWindowOptions } from '../platform';"],
    ['src/main/app/x.ts', "import { electronPlatform } from '../platform/electron-platform';"],
    ['src/main/db/migrations/x.ts', "import type { DB } from '../schema';"],
  ])('%s: reports %s', async (filePath, code) => {
    const errors = await moduleErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Module rule/);
  });

  it.each([
    ['src/main/referrals/x.ts', "import { caseVisibility } from '../cases';"],
    ['src/main/cases/x.ts', "import { toListRows } from './list';"],
    ['src/main/cases/deep/x.ts', "import { toListRows } from '../list';"],
    ['src/shared/cases/x.ts', "import { localDateAt } from '../calendar';"],
    ['src/shared/cases/x.ts', "import { DomainError } from '../errors';"],
    ['src/renderer/src/records/x.tsx', "import { BusyButton } from '../components';"],
    ['src/renderer/src/records/x.tsx', "import type { RecordFields } from '@shared/records';"],
    ['src/server/ingest/x.ts', "import { openCountyStore } from '../store';"],
    ['src/main/index.ts', "import { electronPlatform } from './platform';"],
    ['src/main/db/migrations/x.ts', "import type { Migration } from './types';"],
  ])('%s: allows %s', async (filePath, code) => {
    expect(await moduleErrors(filePath, code)).toEqual([]);
  });
});

// A write is one transaction opened at the edge (docs/architecture.md "One call"): a service never opens one.
describe('transaction rule', () => {
  const code =
    'declare const db: { transaction(): { execute(f: () => void): void } };\ndb.transaction().execute(() => undefined);';
  const transactionErrors = (filePath: string) => ruleErrors('no-restricted-syntax', filePath, code);

  it.each(['src/main/cases/x.ts', 'src/main/records/deep/x.ts', 'src/main/print/x.ts'])(
    '%s: reports a transaction opened below the edge',
    async (filePath) => {
      const errors = await transactionErrors(filePath);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Transactions open at the edge/);
    },
  );

  it.each([
    'src/main/desk/call.ts',
    'src/main/auth/x.ts',
    'src/main/sync/x.ts',
    'tests/integration/x.test.ts',
  ])('%s: allows it', async (filePath) => {
    expect(await transactionErrors(filePath)).toEqual([]);
  });
});
