/**
 * Text from outside (a file name on a USB stick) made safe to print on an operator's terminal: control
 * characters (C0, DEL, C1 — escape sequences such as ESC [2J, newlines that would forge a line of the
 * report), Unicode line separators and bidirectional overrides (which reorder what is shown) become
 * visible escapes (`\x1b`, `\n`, `\u{202e}`), and a backslash is doubled so an escape cannot be faked.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this function's purpose
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
