import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform } from '../../src/main/app/node-platform';
import { lockDataDir } from '../../src/main/desk';
import { tempDir } from '../support/tmp';

// One desk process per data directory: the desktop app and the browser harness both go through
// createApp, which takes the lock. A second process is refused; a killed one leaves no stale lock.

const tmp = tempDir('counseldesk-dir-lock-');
afterAll(() => tmp.cleanup());
const root = resolve(__dirname, '../..');

/** A separate process (tsx in-process, so the kill reaches it) that holds the lock; it stays until killed. */
async function holder(dir: string): Promise<ChildProcess> {
  const script = `const { lockDataDir } = require(${JSON.stringify(resolve(root, 'src/main/desk/data-dir-lock.ts'))});
lockDataDir(process.argv[1]); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const said = await Promise.race([
    once(child.stdout, 'data').then(([chunk]) => String(chunk)),
    once(child, 'exit').then(([code]) => `exited ${String(code)}`),
  ]);
  expect(said).toBe('held\n');
  return child;
}

describe('the data directory lock', () => {
  it('refuses a second desk on the same directory, in the same process or another, until the first closes', async () => {
    const dir = resolve(tmp.dir, 'a');
    const first = await createApp(dir, nodePlatform('harness'));
    await expect(createApp(dir, nodePlatform('harness'))).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });
    // Another directory is not affected.
    const other = await createApp(resolve(tmp.dir, 'b'), nodePlatform('harness'));
    await other.close();
    await first.close();
    const again = await createApp(dir, nodePlatform('harness'));
    await again.close();
  });

  it('holds across processes and is released by the operating system when the holder is killed', async () => {
    const dir = resolve(tmp.dir, 'c');
    mkdirSync(dir);
    const child = await holder(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'DATA_DIR_IN_USE' }));
      await expect(createApp(dir, nodePlatform('harness'))).rejects.toMatchObject({
        code: 'DATA_DIR_IN_USE',
      });
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    const lock = lockDataDir(dir);
    lock.release();
  });
});
