/**
 * Canonical JSON for sync headers and receipts: object keys sorted by UTF-16 code units, no whitespace,
 * strings as ECMAScript JSON.stringify writes them, integers only. For the values the sync format allows
 * (ASCII strings without quotes or backslashes, safe integers) this is exactly RFC 8785 (JCS), so other
 * languages can reproduce the bytes with a JCS library or a few lines of code.
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Floats have several textual forms across languages; the format has no use for them.
    if (!Number.isSafeInteger(value)) throw new TypeError('canonical JSON allows only safe integers');
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(object).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] ?? null)}`).join(',')}}`;
}
