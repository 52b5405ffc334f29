import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../src/shared/contract';

// Electron is the edge: contextBridge and ipcRenderer are replaced, the real preload module runs.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      if (electron.exposed.has(key)) throw new Error(`exposed twice: ${key}`);
      electron.exposed.set(key, value);
    },
  },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

type ExposedApi = Record<string, (input: unknown) => Promise<unknown>>;

function exposedApi(): ExposedApi {
  return electron.exposed.get('api') as ExposedApi;
}

describe('preload', () => {
  beforeAll(async () => {
    await import('../../src/preload/index');
  });

  it('exposes only window.api', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
  });

  it('has exactly one function per contract channel and nothing else', () => {
    const api = exposedApi();
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof api[channel]).toBe('function');
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'process', 'env', 'require']) {
      expect(api).not.toHaveProperty(forbidden);
    }
  });

  it('is frozen, so the page cannot add a channel', () => {
    const api = exposedApi();
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as Record<string, unknown>)['evil'] = () => undefined;
    }).toThrow(TypeError);
  });

  it('forwards each call to ipcRenderer.invoke on its own channel with the input only', async () => {
    const api = exposedApi();
    for (const channel of CHANNELS) {
      electron.invoke.mockClear();
      const input = { probe: channel };
      await expect(api[channel]?.(input)).resolves.toEqual({ ok: true, value: { channel, input } });
      expect(electron.invoke).toHaveBeenCalledTimes(1);
      expect(electron.invoke).toHaveBeenCalledWith(channel, input);
    }
  });
});
