import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nativeModulePath } from '../../src/main/desk/store-worker';

describe('the store worker’s SQLite binding path', () => {
  it('points into app.asar.unpacked when the main process resolved it inside app.asar', () => {
    expect(
      nativeModulePath(
        'C:\\Program Files\\CounselDesk\\resources\\app.asar\\node_modules\\better-sqlite3-multiple-ciphers\\lib\\index.js',
      ),
    ).toBe(
      'C:\\Program Files\\CounselDesk\\resources\\app.asar.unpacked\\node_modules\\better-sqlite3-multiple-ciphers\\lib\\index.js',
    );
    expect(nativeModulePath('/opt/counseldesk/resources/app.asar/node_modules/x/index.js')).toBe(
      '/opt/counseldesk/resources/app.asar.unpacked/node_modules/x/index.js',
    );
  });

  it('leaves a path outside an asar archive alone (development, tests, the harness)', () => {
    const resolved = nativeModulePath();
    expect(resolved).not.toContain('app.asar');
    expect(existsSync(resolved)).toBe(true);
    expect(nativeModulePath('/home/u/app.asarx/node_modules/x.js')).toBe(
      '/home/u/app.asarx/node_modules/x.js',
    );
  });
});
