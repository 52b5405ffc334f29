/**
 * True when `bytes` are well-formed UTF-8 (RFC 3629; the bytes a fatal TextDecoder accepts): no overlong
 * form, no surrogate (U+D800–U+DFFF), nothing above U+10FFFF, no sequence cut short. A byte loop, so a
 * batch body is checked without being decoded (docs/sync-format.md § Batch body: change lines).
 */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= n || !isContinuation(bytes[i + 1])) return false;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (i + 2 >= n) return false;
      const c1 = bytes[i + 1] as number;
      if (!isContinuation(c1) || !isContinuation(bytes[i + 2])) return false;
      // E0 needs A0–BF (else overlong); ED needs 80–9F (else a surrogate).
      if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f)) return false;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (i + 3 >= n) return false;
      const c1 = bytes[i + 1] as number;
      if (!isContinuation(c1) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) return false;
      // F0 needs 90–BF (else overlong); F4 needs 80–8F (else above U+10FFFF).
      if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

function isContinuation(c: number | undefined): boolean {
  return c !== undefined && (c & 0xc0) === 0x80;
}
