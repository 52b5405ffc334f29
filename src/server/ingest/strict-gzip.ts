import { crc32, inflateRawSync } from 'node:zlib';
import { SyncFormatError } from '../../shared/sync';

/*
 * docs/sync-format.md § Strictness: a batch body is exactly ONE gzip member (RFC 1952) and nothing after
 * it. Node's gunzip is lenient — it reads a second member as a continuation and ignores trailing zero
 * bytes — so two bodies could be glued under one signature and a reader in another language would read
 * something else. Here the member is taken apart by hand: the header (CM 8, no reserved flag bits, the
 * optional fields skipped as RFC 1952 says), the raw deflate stream, then the 8-byte trailer, whose CRC-32
 * and ISIZE must match what was inflated and which must end the buffer exactly.
 */

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED = 0xe0;

export function gunzipOneMember(data: Uint8Array, maxOutputLength: number): Buffer {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bad = (what: string): never => {
    throw new SyncFormatError('MALFORMED', `batch body: ${what}`);
  };
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) bad('not gzip');
  if (bytes[2] !== 8) bad('gzip method is not deflate');
  const flags = bytes[3] as number;
  if (flags & RESERVED) bad('reserved gzip flags set');
  let at = 10;
  if (flags & FEXTRA) {
    if (at + 2 > bytes.length) bad('truncated gzip header');
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field)) continue;
    const end = bytes.indexOf(0, at);
    if (end < 0) bad('truncated gzip header');
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  if (at > bytes.length) bad('truncated gzip header');

  let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    inflated = inflateRawSync(bytes.subarray(at), {
      maxOutputLength,
      info: true,
    }) as unknown as typeof inflated;
  } catch {
    return bad('not gzip');
  }
  const trailer = at + inflated.engine.bytesWritten;
  if (trailer + 8 > bytes.length) bad('truncated gzip trailer');
  if (trailer + 8 < bytes.length) bad('data after the gzip member');
  if (bytes.readUInt32LE(trailer) !== crc32(inflated.buffer)) bad('gzip CRC-32 mismatch');
  if (bytes.readUInt32LE(trailer + 4) !== inflated.buffer.length % 2 ** 32) bad('gzip size mismatch');
  return inflated.buffer;
}
