import type { z } from 'zod';

/*
 * Reads a form field's limits from the zod schema main parses the input with (zod v4 exposes them:
 * `z.string().max(40).maxLength === 40`, `z.number().max(240).maxValue === 240`), so a screen never re-types
 * a limit the shared schema already states. Pure: zod schemas in, plain values out.
 */

/** What this file reads of a zod v4 schema (its `type`, its `def`, the length and value getters). */
interface Node {
  type: string;
  def: {
    innerType?: Node;
    in?: Node;
    shape?: Record<string, Node>;
    options?: readonly Node[];
    items?: readonly Node[];
    element?: Node;
    checks?: readonly {
      _zod: { def: { check: string; maximum?: number; tx?: (value: unknown) => unknown } };
    }[];
  };
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  safeParse(value: unknown): { success: boolean };
}

const node = (schema: z.ZodType): Node => schema;

/** Wrappers that let a field be left out or empty ('' and missing become null, a default fills it). */
const OPTIONAL = new Set(['optional', 'nullable', 'default', 'prefault']);
/** Wrappers that change nothing a form checks. */
const TRANSPARENT = new Set(['readonly', 'catch']);

/** The schema under its wrappers (optional, nullable, default, and the input side of a transform). */
function unwrap(schema: Node): { inner: Node; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    if (OPTIONAL.has(inner.type) && inner.def.innerType) {
      optional = true;
      inner = inner.def.innerType;
    } else if (TRANSPARENT.has(inner.type) && inner.def.innerType) {
      inner = inner.def.innerType;
    } else if (inner.type === 'pipe' && inner.def.in) {
      inner = inner.def.in;
    } else {
      return { inner, optional };
    }
  }
}

function child(schema: Node, key: string): Node | undefined {
  const { inner } = unwrap(schema);
  switch (inner.type) {
    case 'object':
      return inner.def.shape?.[key];
    case 'tuple':
      return /^\d+$/.test(key) ? inner.def.items?.[Number(key)] : undefined;
    case 'array':
      return /^\d+$/.test(key) ? inner.def.element : undefined;
    case 'union':
      // A discriminated union (a transition's actions): the first variant that has the field.
      for (const option of inner.def.options ?? []) {
        const found = child(option, key);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The schema of the field at a dotted path ('parties.0.name', 'warningLetter.number'); throws if none. */
export function fieldAt(schema: z.ZodType, path: string): z.ZodType {
  let at = node(schema);
  for (const key of path.split('.')) {
    const next = child(at, key);
    if (!next) throw new Error(`The schema has no field '${path}'.`);
    at = next;
  }
  return at as unknown as z.ZodType;
}

export interface TextLimits {
  /** An empty value is refused (not optional, not nullable, no default, and '' fails). */
  required: boolean;
  /** The schema trims before it checks, so a value of only spaces counts as empty. */
  trims: boolean;
  minLength: number | null;
  maxLength: number | null;
}

/** The limits of a text field. */
export function textLimits(schema: z.ZodType): TextLimits {
  const { inner, optional } = unwrap(node(schema));
  if (inner.type !== 'string') throw new Error(`Not a text field (a ${inner.type}).`);
  const overwrites = (inner.def.checks ?? []).flatMap((c) =>
    c._zod.def.check === 'overwrite' && c._zod.def.tx ? [c._zod.def.tx] : [],
  );
  return {
    required: !optional && !inner.safeParse('').success,
    trims: overwrites.reduce<unknown>((value, tx) => tx(value), '  ') === '',
    minLength: inner.minLength ?? null,
    maxLength: inner.maxLength ?? null,
  };
}

export interface NumberLimits {
  min: number | null;
  max: number | null;
}

/** The smallest and largest value of a number field. */
export function numberLimits(schema: z.ZodType): NumberLimits {
  const { inner } = unwrap(node(schema));
  if (inner.type !== 'number') throw new Error(`Not a number field (a ${inner.type}).`);
  return { min: inner.minValue ?? null, max: inner.maxValue ?? null };
}

/** The most items a list field may hold, or null when unbounded. */
export function maxItems(schema: z.ZodType): number | null {
  const { inner } = unwrap(node(schema));
  if (inner.type !== 'array') throw new Error(`Not a list field (a ${inner.type}).`);
  const caps = (inner.def.checks ?? []).flatMap((c) =>
    c._zod.def.check === 'max_length' && typeof c._zod.def.maximum === 'number' ? [c._zod.def.maximum] : [],
  );
  return caps.length > 0 ? Math.min(...caps) : null;
}
