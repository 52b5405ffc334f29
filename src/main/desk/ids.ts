import { randomBytes } from 'node:crypto';

/*
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, version 7, 12 bits "rand_a", variant 0b10, 62 random
 * bits. Within one millisecond rand_a is used as a counter (RFC 9562 §6.2, method 1) seeded with a random
 * 11-bit value, so ids made in a burst still sort in creation order. A clock that steps back by less than a
 * second keeps the last timestamp (and counting); a larger step uses the given time: ids stay unique (62
 * random bits) but ordering across such a step is not promised.
 */

let lastMs = -1;
let counter = 0;

export function uuidv7(now: Date = new Date()): string {
  let ms = now.getTime();
  if (!Number.isFinite(ms) || ms < 0 || ms > 0xffff_ffff_ffff)
    throw new RangeError('uuidv7: time out of range');
  if (ms <= lastMs && lastMs - ms < 1000) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than lose ordering.
      ms = lastMs + 1;
      counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    }
  } else {
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  lastMs = ms;

  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b.readUInt8(8) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
