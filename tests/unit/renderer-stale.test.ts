import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src/shared/contract';

/*
 * Which cached reads a write makes stale is declared once (src/renderer/src/api/stale.ts) and applied by one
 * function (refresh.ts). Both are loaded at run time: they import shared types as '@shared/…', an alias the
 * node tsconfig does not have.
 */

interface StaleModule {
  STALE_AFTER: Record<Channel, readonly Channel[]>;
}
type Outcome = { ok: true; answer: unknown } | { ok: false };
interface RefreshModule {
  refreshAfterWrite: (
    client: QueryClient,
    channel: Channel,
    outcome: Outcome,
    answered?: Channel | null,
  ) => Promise<void>;
}

const stalePath = '../../src/renderer/src/api/stale';
const refreshPath = '../../src/renderer/src/api/refresh';
const { STALE_AFTER } = (await import(stalePath)) as StaleModule;
const { refreshAfterWrite } = (await import(refreshPath)) as RefreshModule;

describe('STALE_AFTER', () => {
  it('has an entry for every channel of the contract, and nothing else', () => {
    expect(Object.keys(STALE_AFTER).sort()).toEqual([...CHANNELS].sort());
  });

  it('only reads go stale: whatever a write refreshes makes nothing stale itself', () => {
    for (const [channel, reads] of Object.entries(STALE_AFTER)) {
      for (const read of reads) expect(STALE_AFTER[read], `${channel} → ${read}`).toEqual([]);
    }
  });

  it('keeps what each screen refreshed when the lists were written by hand', () => {
    const caseChange = ['cases.get', 'cases.list', 'search.cases', 'dashboard.get', 'audit.list'];
    for (const channel of [
      'cases.create',
      'cases.update',
      'cases.transition',
      'cases.recordConsent',
    ] as const) {
      expect([...STALE_AFTER[channel]].sort()).toEqual([...caseChange].sort());
    }
    // Records, disclosures and supervision refreshed the case page after a success.
    for (const channel of ['dv.create', 'dv.update'] as const) {
      expect([...STALE_AFTER[channel]].sort()).toEqual([...caseChange].sort());
    }
    // A signed result also lets a family archive be opened from the case.
    expect([...STALE_AFTER['records.sign']].sort()).toEqual([...caseChange, 'families.ofCase'].sort());
    expect([...STALE_AFTER['supervision.create']].sort()).toEqual(['supervision.list', ...caseChange].sort());
    expect(STALE_AFTER['records.saveDraft']).toEqual([]);
    expect(STALE_AFTER['records.addAddendum']).toEqual(['audit.list']);
    expect(STALE_AFTER['auth.changePassword']).toEqual(['app.status']);
    expect(STALE_AFTER['settings.update']).toEqual(['settings.get', 'app.status']);
    expect(STALE_AFTER['sync.now']).toEqual(['sync.status']);
  });
});

describe('refreshAfterWrite', () => {
  let client: QueryClient;
  const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;
  const caseA = ['cases.get', { caseId: 'a' }] as const;
  const caseB = ['cases.get', { caseId: 'b' }] as const;

  beforeEach(() => {
    client = new QueryClient();
    for (const key of [caseA, caseB, ['cases.list', { page: 1 }], ['audit.list', {}], ['sync.status']]) {
      client.setQueryData(key, {});
    }
  });

  it('after a success, re-reads the lists and only the case the answer names', async () => {
    await refreshAfterWrite(client, 'records.sign', { ok: true, answer: { caseId: 'a' } });
    expect(stale(caseA)).toBe(true);
    expect(stale(caseB)).toBe(false);
    expect(stale(['cases.list', { page: 1 }])).toBe(true);
    expect(stale(['audit.list', {}])).toBe(true);
  });

  it('after a failure, re-reads the lists but never a case (each read of one is audited)', async () => {
    await refreshAfterWrite(client, 'dv.create', { ok: false });
    expect(stale(caseA)).toBe(false);
    expect(stale(['cases.list', { page: 1 }])).toBe(true);
  });

  it('re-reads every case when the answer names none (holidays move every deadline)', async () => {
    await refreshAfterWrite(client, 'calendar.update', { ok: true, answer: { years: [] } });
    expect(stale(caseA) && stale(caseB)).toBe(true);
  });

  it('does not re-read what the answer already replaced, unless the write failed', async () => {
    await refreshAfterWrite(client, 'cases.update', { ok: true, answer: { caseId: 'a' } }, 'cases.get');
    expect(stale(caseA)).toBe(false);
    expect(stale(['cases.list', { page: 1 }])).toBe(true);
    await refreshAfterWrite(client, 'sync.now', { ok: true, answer: {} }, 'sync.status');
    expect(stale(['sync.status'])).toBe(false);
    await refreshAfterWrite(client, 'sync.now', { ok: false }, 'sync.status');
    expect(stale(['sync.status'])).toBe(true);
  });
});
