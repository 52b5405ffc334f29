import { expect } from 'vitest';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, type NodePlatformOptions } from '../../src/main/app/node-platform';
import type { Clock } from '../../src/main/desk/platform';
import type { DeskApp, AppOptions } from '../../src/main/app';
import type { ChannelInput, ChannelOutput, Channel } from '../../src/shared/contract';
import type { Result, WireError } from '../../src/shared/ipc/result';
import { tempDir } from './tmp';

/** The one edge tests replace: time only moves when the test says so. */
export class FakeClock implements Clock {
  #ms: number;
  constructor(start = Date.parse('2026-03-02T01:30:00.000Z')) {
    this.#ms = start;
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advanceSeconds(s: number): void {
    this.#ms += s * 1000;
  }
  advanceMinutes(m: number): void {
    this.advanceSeconds(m * 60);
  }
}

export const ADMIN = { username: 'admin', displayName: '王主任', password: 'correct horse 1' } as const;

export const SETUP_INPUT: ChannelInput<'setup.create'> = {
  office: {
    county: '章丘区',
    registryOffice: '章丘区婚姻登记处',
    centreName: '婚姻家庭辅导中心',
    level: 'centre',
  },
  admin: ADMIN,
  language: 'zh-CN',
};

/** A real desk (createApp on a temp data dir, real encrypted store) driven through dispatch. */
export class Desk {
  private constructor(
    readonly app: DeskApp,
    readonly dir: string,
    readonly clock: FakeClock,
  ) {}

  /** `folder` answers the platform's folder chooser (USB courier); `app` tunes services (sync timing). */
  static async open(
    dir: string,
    clock = new FakeClock(),
    options: { folder?: NodePlatformOptions['folder']; app?: AppOptions } = {},
  ): Promise<Desk> {
    const platform = nodePlatform('test', clock, options.folder ? { folder: options.folder } : {});
    return new Desk(await createApp(dir, platform, options.app), dir, clock);
  }

  call<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>> {
    return this.app.dispatch(channel, input) as Promise<Result<ChannelOutput<K>>>;
  }

  /** The value of a call that must succeed. */
  async ok<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
    const r = await this.call(channel, input);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  /** The error of a call that must fail. */
  async fails<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<WireError> {
    const r = await this.call(channel, input);
    expect(r.ok, `${channel} should fail`).toBe(false);
    if (r.ok) throw new Error('unreachable');
    return r.error;
  }

  login(username: string, password: string): Promise<Result<ChannelOutput<'auth.login'>>> {
    return this.call('auth.login', { username, password });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** A temp dir with a desk already set up (admin signed in); remove with cleanup(). */
export async function setUpDesk(): Promise<
  { desk: Desk; cleanup: () => Promise<void> } & ChannelOutput<'setup.create'>
> {
  const tmp = tempDir('counseldesk-desk-');
  const desk = await Desk.open(tmp.dir);
  const issued = await desk.ok('setup.create', SETUP_INPUT);
  return {
    desk,
    ...issued,
    cleanup: async () => {
      await desk.close();
      tmp.cleanup();
    },
  };
}

/** Adds a user as the signed-in admin; returns its id. */
export async function addUser(
  desk: Desk,
  username: string,
  role: ChannelInput<'users.create'>['role'],
  temporaryPassword = 'temporary-pass-1',
): Promise<string> {
  const u = await desk.ok('users.create', {
    username,
    displayName: `用户${username}`,
    role,
    temporaryPassword,
  });
  return u.id;
}

/** Signs in a user with a temporary password and replaces it. */
export async function signInFresh(
  desk: Desk,
  username: string,
  temporary: string,
  password: string,
): Promise<void> {
  await desk.ok('auth.logout', null);
  await desk.ok('auth.login', { username, password: temporary });
  await desk.ok('auth.changePassword', { currentPassword: temporary, newPassword: password });
}
