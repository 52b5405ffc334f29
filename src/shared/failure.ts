/*
 * The one way the desk, the harness and the county server log an unexpected failure: where it happened, the
 * error's class and a system or SQLite error code (ENOENT, SQLITE_BUSY) — never its message, which can
 * quote row values, names, notes or paths.
 */

const SAFE_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** `TypeError`, `Error (EISDIR)`: what may be logged of a failure. */
export function describeFailure(e: unknown): string {
  const kind = e instanceof Error ? e.constructor.name : typeof e;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SAFE_CODE.test(code) ? `${kind} (${code})` : kind;
}

/** `[area] what failed: Class (CODE)` on the error log. */
export function logFailure(area: string, what: string, e: unknown): void {
  console.error(`[${area}] ${what} failed: ${describeFailure(e)}`);
}
