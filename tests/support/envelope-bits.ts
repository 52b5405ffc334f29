/*
 * Where things are inside a batch envelope (docs/sync-format.md § Envelope), for the tampering tests:
 *   'CDSB' ‖ version u8 ‖ header length u32 BE ‖ header ‖ enc length u16 BE ‖ enc (32)
 *   ‖ ciphertext length u32 BE ‖ ciphertext ‖ Ed25519 signature (64)
 */

export function flipBit(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[index] = (out[index] ?? 0) ^ mask;
  return out;
}

/** Offsets of the envelope's parts (docs/sync-format.md § Envelope). */
export function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 9; // 'CDSB' ‖ version u8 ‖ header length u32
  const headerLength = view.getUint32(5);
  const enc = header + headerLength + 2;
  const ciphertext = enc + 32 + 4;
  const signature = bytes.length - 64;
  return {
    version: 4,
    headerLength: 5,
    header,
    headerText: bytes.subarray(header, enc - 2),
    enc,
    ciphertext,
    signature,
  };
}

/** Index (in the envelope) of the first character of the value of a header field, plus `skip`. */
export function headerValue(bytes: Uint8Array, field: string, skip = 0): number {
  const { header, headerText } = layout(bytes);
  const text = Buffer.from(headerText).toString('latin1');
  const key = `"${field}":`;
  const at = text.indexOf(key);
  if (at < 0) throw new Error(`no ${field} in the header`);
  const value = at + key.length + (text[at + key.length] === '"' ? 1 : 0);
  return header + value + skip;
}

/** The first character of a hex field's value whose lowest bit flips it to another hex digit (0-9, b-e). */
export function hexDigit(bytes: Uint8Array, field: string): number {
  const start = headerValue(bytes, field);
  for (let i = start; i < bytes.length; i += 1) {
    if (/[0-9b-e]/.test(String.fromCharCode(bytes[i] ?? 0))) return i;
  }
  throw new Error(`no flippable digit in ${field}`);
}
