/*
 * docs/sync-format.md § Strictness, Ed25519: the checks RFC 8032 leaves to the verifier, made explicitly so
 * that this implementation and an independent one accept exactly the same keys and signatures, whatever
 * their crypto library does by default.
 * - A public key (device or county receipt key) must be a canonical encoding (y < p; x = 0 only with sign
 *   bit 0) of a point on the curve that is NOT of small order (8·A ≠ identity): a small-order key would let
 *   one signature verify for many messages.
 * - A signature's R must be canonically encoded (y < p) and S < L (RFC 8032 §5.1.7: reject otherwise).
 * Plain BigInt arithmetic on the twisted Edwards curve −x² + y² = 1 + d·x²·y² over GF(2^255 − 19); these
 * run once per key import or signature, never in a loop over data.
 */

const P = 2n ** 255n - 19n;
/** The group order L = 2^252 + 27742317777372353535851937790883648493. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function mod(a: bigint): bigint {
  const r = a % P;
  return r >= 0n ? r : r + P;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

const inverse = (a: bigint): bigint => power(a, P - 2n);
const D = mod(-121665n * inverse(121666n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

interface Point {
  x: bigint;
  y: bigint;
}

/** RFC 8032 §5.1.3 decoding, refusing every non-canonical form; null when it is not a curve point. */
function decodePoint(encoded: Uint8Array): Point | null {
  if (encoded.length !== 32) return null;
  const n = littleEndian(encoded);
  const sign = n >> 255n;
  const y = n & ((1n << 255n) - 1n);
  if (y >= P) return null;
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === mod(-u)) x = mod(x * SQRT_M1);
  else if (vx2 !== u) return null;
  if (x === 0n && sign === 1n) return null;
  if ((x & 1n) !== sign) x = P - x;
  return { x, y };
}

/** Complete twisted Edwards addition (a = −1). */
function add(a: Point, b: Point): Point {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return {
    x: mod((a.x * b.y + a.y * b.x) * inverse(1n + t)),
    y: mod((a.y * b.y + a.x * b.x) * inverse(1n - t)),
  };
}

/** Keys already judged (a county verifies the same few device keys over and over); bounded. */
const judged = new Map<string, boolean>();
const JUDGED_MAX = 1024;

/** A canonical encoding of a curve point of large order: usable as an Ed25519 public key. */
export function isStrictEd25519PublicKey(encoded: Uint8Array): boolean {
  const key = Array.from(encoded, (b) => b.toString(16).padStart(2, '0')).join('');
  const known = judged.get(key);
  if (known !== undefined) return known;
  const point = decodePoint(encoded);
  let strict = false;
  if (point) {
    let eight = point;
    for (let i = 0; i < 3; i += 1) eight = add(eight, eight);
    strict = !(eight.x === 0n && eight.y === 1n);
  }
  if (judged.size >= JUDGED_MAX) judged.clear();
  judged.set(key, strict);
  return strict;
}

/** R canonically encoded (y < p) and S < L; the equation itself is the crypto library's to check. */
export function isStrictEd25519SignatureEncoding(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const r = littleEndian(signature.subarray(0, 32)) & ((1n << 255n) - 1n);
  const s = littleEndian(signature.subarray(32));
  return r < P && s < L;
}
