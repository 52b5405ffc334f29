// IPC fuzzing: fast-check throws arbitrary inputs at every channel of the contract, as every role and on a
// locked desk, through the real dispatcher on a real encrypted store. Whatever arrives, the answer is a
// well-formed result; a rejection carries a known code that is never INTERNAL; nothing crashes; and a
// rejected call changes nothing on disk (the store, its WAL and the keyring are byte-for-byte as before).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../src/shared/contract';
import { ERROR_CODES } from '../../src/shared/errors';
import { addStaff, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import { addUser, ADMIN, type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/**
 * A fresh desk for each role (a well-formed call may succeed and change users or settings): the staff, a
 * user who must still replace a temporary password, a case with a draft record; its ids join the pool.
 */
async function freshDesk(): Promise<void> {
  ({ desk, cleanup } = await setUpDesk());
  const staff = await addStaff(desk);
  const created = await desk.ok('cases.create', minimalIntake());
  const record = await desk.ok('records.saveDraft', { caseId: created.id, interviewNotes: '草稿' });
  await signInAs(desk, 'admin');
  const newcomer = await addUser(desk, 'newcomer', 'counsellor', 'temporary-pass-9');
  realIds.splice(0, realIds.length, ...(Object.values(staff) as string[]), newcomer, created.id, record.id);
}

/** Values that look like what the desk handles, and what it must refuse without falling over. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.uuid(),
  fc.constantFrom(
    '',
    ' ',
    '2026-02-30',
    '2026-12-03',
    '2026-12-03T09:00:00.000Z',
    '0000-00-00',
    '9999-12-31',
    '110101199003071234',
    'x'.repeat(100_000),
    '__proto__',
    'constructor',
    '../../etc/passwd',
    '\u0000\u001b[2J',
    'counsellor',
    'director',
    'volunteer',
    'admin',
    'face_to_face',
    'reconciled',
    'draft',
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** Real ids of this desk (users, a case, a record), so well-formed inputs also reach real rows. */
const realIds: string[] = [];

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/**
 * Values that satisfy a channel's declared input shape (from its zod schema's JSON Schema), so the fuzzing
 * gets past validation into the services: unknown and real ids, any dates, text at its length limits.
 */
function fromSchema(schema: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    return target ? fromSchema(target, root, depth + 1) : fc.constant(null);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, root, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0]!, root, depth + 1);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, inner] of Object.entries(props)) record[key] = fromSchema(inner, root, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((i) => fromSchema(i, root, depth + 1)));
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(schema.items ? fromSchema(schema.items, root, depth + 1) : value, {
        minLength: min,
        maxLength: max,
      });
    }
    case 'string': {
      if (schema.format === 'uuid') {
        return realIds.length > 0
          ? fc.oneof(fc.constantFrom(...realIds), fc.uuid({ version: 7 }))
          : fc.uuid({ version: 7 });
      }
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
        return fc.oneof(isoDate, fc.constantFrom('2026-02-30', '0000-01-01'));
      const minLength = schema.minLength ?? 0;
      const maxLength = schema.maxLength ?? 60;
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((t) => t.length >= minLength && t.length <= maxLength);
      }
      return fc.oneof(
        fc.string({ minLength, maxLength: Math.min(maxLength, 40) }),
        fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 20) }),
        fc.constant('字'.repeat(maxLength)),
      );
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1e6, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return value;
  }
}

/** Channels whose success reaches the network or a folder: fuzzed only with arbitrary (refused) input. */
const OUTSIDE_WORLD = new Set<Channel>(['sync.enrol', 'sync.now', 'sync.exportUsb', 'sync.importReceipts']);

/** An arbitrary input for a channel: anything at all, or a value of the channel's declared shape. */
function inputFor(channel: Channel): fc.Arbitrary<unknown> {
  const arbitrary = fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBigInt: false,
  });
  if (OUTSIDE_WORLD.has(channel)) return fc.oneof(arbitrary, value);
  const json = z.toJSONSchema(contract[channel].input as z.ZodType, { io: 'input', unrepresentable: 'any' });
  const shaped = fromSchema(json as JsonSchema, json as JsonSchema);
  return fc.oneof(
    { arbitrary: arbitrary, weight: 1 },
    { arbitrary: value, weight: 1 },
    { arbitrary: shaped, weight: 4 },
  );
}

/**
 * Calls that end the session, rotate keys or reach the network when they succeed: fuzzed only with inputs
 * they must refuse (anything but null/undefined), so the run keeps its signed-in user.
 */
const SESSION_EFFECTS = new Set<Channel>(['auth.lock', 'auth.logout', 'auth.regenerateRecovery', 'sync.now']);
/** Rejections that legitimately leave a trace: failed sign-ins are counted, a failed sync records its error. */
const MAY_WRITE_WHEN_REFUSED = new Set<Channel>([
  'auth.login',
  'auth.recover',
  'sync.now',
  'sync.enrol',
  'sync.exportUsb',
  'sync.importReceipts',
]);

/** The store's files by size and modification time (any commit moves one), the keyring by content. */
function diskState(): string {
  const parts: string[] = [];
  for (const name of ['desk.db', 'desk.db-wal', 'keyring.json']) {
    const path = join(desk.dir, name);
    if (!existsSync(path)) {
      parts.push(`${name}:absent`);
      continue;
    }
    const stat = statSync(path, { bigint: true });
    const content =
      name === 'keyring.json' ? createHash('sha256').update(readFileSync(path)).digest('hex') : '';
    parts.push(`${name}:${stat.size}:${stat.mtimeNs}:${content}`);
  }
  return parts.join(' ');
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);

async function fuzzEveryChannel(label: string): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  for (const channel of CHANNELS) {
    let input = inputFor(channel);
    if (SESSION_EFFECTS.has(channel) && label !== 'locked') input = input.filter((v) => v != null);
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const before = diskState();
        const result = await desk.app.dispatch(channel, raw);
        expect(typeof result.ok, `${label} ${channel}`).toBe('boolean');
        if (result.ok) {
          codes.set('ok', (codes.get('ok') ?? 0) + 1);
          return;
        }
        const { code } = result.error;
        expect(KNOWN_CODES.has(code), `${label} ${channel}: unknown code ${code}`).toBe(true);
        expect(code, `${label} ${channel}`).not.toBe('INTERNAL');
        expect(typeof result.error.message).toBe('string');
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!MAY_WRITE_WHEN_REFUSED.has(channel)) {
          expect(diskState(), `${label} ${channel} wrote although it refused (${code})`).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: fuzzSeed(label, channel) },
    );
  }
  return codes;
}

/** Reproducible per run (set FUZZ_SEED to explore other inputs). */
function fuzzSeed(label: string, channel: string): number {
  const base = Number(process.env['FUZZ_SEED'] ?? 20261203);
  return createHash('sha256').update(`${base}:${label}:${channel}`).digest().readInt32BE(0);
}

describe('IPC fuzzing: arbitrary input on every channel', () => {
  it.each(['admin', 'director', 'counsellorA', 'volunteer'] as const)(
    'as %s: no INTERNAL, every refusal coded, nothing written by a refusal',
    async (who: keyof Staff | 'admin') => {
      await freshDesk();
      await signInAs(desk, who);
      const codes = await fuzzEveryChannel(who);
      // The fuzzing reached the validation layer (and, for the narrower roles, the permission check).
      expect(codes.get('VALIDATION') ?? 0).toBeGreaterThan(0);
      if (who === 'volunteer') expect(codes.get('FORBIDDEN') ?? 0).toBeGreaterThan(0);
      // …and past it, into the services: well-formed calls succeeded or were refused by a domain rule.
      expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
      expect([...codes.keys()].some((c) => c.endsWith('_NOT_FOUND'))).toBe(true);
    },
    300_000,
  );

  it('while a temporary password must be replaced', async () => {
    await freshDesk();
    await desk.call('auth.logout', null);
    const signedIn = await desk.call('auth.login', { username: 'newcomer', password: 'temporary-pass-9' });
    expect(signedIn.ok).toBe(true);
    const codes = await fuzzEveryChannel('newcomer');
    expect(codes.get('PASSWORD_CHANGE_REQUIRED') ?? 0).toBeGreaterThan(0);
  }, 300_000);

  it('on a locked desk: only public channels answer, the rest say LOCKED', async () => {
    await freshDesk();
    await desk.call('auth.logout', null);
    const codes = await fuzzEveryChannel('locked');
    expect(codes.get('LOCKED') ?? 0).toBeGreaterThan(0);
    // Still a working desk afterwards.
    await desk.call('auth.logout', null);
    const back = await desk.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(back.ok || back.error.code === 'LOGIN_THROTTLED').toBe(true);
  }, 300_000);
});
