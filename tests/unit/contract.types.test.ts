import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { DomainHandlers, Handlers } from '../../src/main/dispatcher/handler';
import {
  type ChannelInput,
  type ChannelOutput,
  type ChannelParsed,
  type DeskApi,
  CHANNELS,
  contract,
  type Channel,
} from '../../src/shared/contract';
import { type AppStatus } from '../../src/shared/app';
import type { Result } from '../../src/shared/ipc/result';
import type { Settings } from '../../src/shared/settings/schemas';
import type { SessionUser, UserSummary } from '../../src/shared/users/schemas';

/*
 * Compile-time checks (tsc runs over tests/): the renderer's API and the main handlers are both derived
 * from the one contract object. The runtime assertions only keep vitest honest about the file running.
 */

describe('DeskApi is derived from the contract', () => {
  it("takes the schema's input type and resolves to a Result of its output type", () => {
    expectTypeOf<Parameters<DeskApi['auth.login']>[0]>().toEqualTypeOf<
      z.input<(typeof contract)['auth.login']['input']>
    >();
    expectTypeOf<Parameters<DeskApi['auth.login']>[0]>().toEqualTypeOf<{
      username: string;
      password: string;
    }>();
    expectTypeOf<ReturnType<DeskApi['auth.login']>>().toEqualTypeOf<Promise<Result<SessionUser>>>();
    expectTypeOf<Awaited<ReturnType<DeskApi['app.status']>>>().toEqualTypeOf<Result<AppStatus>>();
    expectTypeOf<Awaited<ReturnType<DeskApi['users.list']>>>().toEqualTypeOf<Result<UserSummary[]>>();
  });

  it('lets the caller omit what the schema defaults, while handlers receive it filled in', () => {
    expectTypeOf<{ action: 'auth.login' }>().toExtend<ChannelInput<'audit.list'>>();
    expectTypeOf<ChannelParsed<'audit.list'>['page']>().toEqualTypeOf<number>();
    expectTypeOf<ChannelInput<'audit.list'>['page']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ChannelInput<'auth.lock'>>().toEqualTypeOf<null | undefined>();
  });

  it('has exactly the contract channels and nothing else', () => {
    expectTypeOf<keyof DeskApi>().toEqualTypeOf<keyof typeof contract>();
    expectTypeOf<DeskApi>().not.toHaveProperty('users.dropAll');
    // @ts-expect-error — 'users.dropAll' is not a contract channel, so DeskApi has no such method
    const outsideTheContract: keyof DeskApi = 'users.dropAll';
    function passWrongInput(api: DeskApi) {
      // @ts-expect-error — auth.login needs a password; the contract's schema says so
      return api['auth.login']({ username: 'admin' });
    }
    expect([outsideTheContract, passWrongInput]).toHaveLength(2);
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
  });
});

describe('main handlers are typed from the same contract', () => {
  it('receive the parsed input and must resolve to the output type', () => {
    expectTypeOf<Parameters<Handlers['users.create']>[0]>().toEqualTypeOf<ChannelParsed<'users.create'>>();
    expectTypeOf<Awaited<ReturnType<Handlers['settings.get']>>>().toEqualTypeOf<Settings>();
    expectTypeOf<keyof Handlers>().toEqualTypeOf<Channel>();
    expectTypeOf<keyof DomainHandlers<'settings'>>().toEqualTypeOf<'settings.get' | 'settings.update'>();
  });

  it('reject a missing, extra or mistyped handler at compile time', () => {
    const settingsOut: ChannelOutput<'settings.get'> = {
      office: { county: 'c', registryOffice: 'r', centreName: 'n', level: 'room' },
      idleLockMinutes: 10,
      language: 'zh-CN',
      closingTime: '17:00',
      weekendsExtend: false,
      followUpRules: [],
      backupKeepDaily: 7,
      backupKeepWeekly: 4,
    };
    // @ts-expect-error — 'settings.update' is missing
    const missing: DomainHandlers<'settings'> = { 'settings.get': async () => settingsOut };
    const extra: DomainHandlers<'settings'> = {
      'settings.get': async () => settingsOut,
      'settings.update': async () => settingsOut,
      // @ts-expect-error — 'settings.reset' is not in the contract
      'settings.reset': async () => null,
    };
    const mistyped: DomainHandlers<'settings'> = {
      // @ts-expect-error — settings.get must resolve to Settings, not a string
      'settings.get': async () => 'nope',
      'settings.update': async () => settingsOut,
    };
    expect([missing, extra, mistyped]).toHaveLength(3);
  });
});
