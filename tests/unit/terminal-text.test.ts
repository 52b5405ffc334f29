// File names from a USB stick printed by the county CLI: control characters must not reach the terminal.
import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../../src/server/terminal-text';

describe('escapeForTerminal', () => {
  it('keeps ordinary names, Chinese included, as they are', () => {
    const name = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f-1-2.cdsb';
    expect(escapeForTerminal(name)).toBe(name);
    expect(escapeForTerminal('城关镇 批次.cdsb')).toBe('城关镇 批次.cdsb');
  });

  it('makes escape sequences, newlines and other controls visible', () => {
    expect(escapeForTerminal('\x1b[2Jx.cdsb')).toBe('\\x1b[2Jx.cdsb');
    expect(escapeForTerminal('a\nrefused: b\r\t.cdsb')).toBe('a\\nrefused: b\\r\\t.cdsb');
    expect(escapeForTerminal('\x00\x07\x7f\x9b')).toBe('\\x00\\x07\\x7f\\x9b');
  });

  it('shows bidirectional overrides and line separators, and doubles a backslash so none is faked', () => {
    expect(escapeForTerminal('abc\u202Ebdsc.exe')).toBe('abc\\u{202e}bdsc.exe');
    expect(escapeForTerminal('a\u2028b')).toBe('a\\u{2028}b');
    expect(escapeForTerminal('\\x1b')).toBe('\\\\x1b');
  });

  it('never lets a control character through', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(escapeForTerminal(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
