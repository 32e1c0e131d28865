// The last two steps of a bzip2 block, done as its output is taken:
//   - the inverse Burrows–Wheeler transform: `tt` becomes a linked list through the sorted
//     rotations (high 24 bits: the next position; low 8 bits: its byte), followed from the origin;
//   - the initial run-length step undone: after four equal bytes, the next byte is how many more
//     copies follow (0..255), so a 900 kB block can spell ~45 MB.
// Output comes in chunks of CHUNK bytes, each taken before the next is made. The block's CRC is
// checked over its final bytes at the end.
import type { Block } from './block.js';
import { CRC_START, crcByte, crcValue } from './crc.js';
import { Bzip2Error } from './error.js';

const CHUNK = 64 * 1024;

export function* unBwt(tt: Uint32Array, block: Block): Generator<Buffer, void, undefined> {
  const start = new Uint32Array(256);
  for (let byte = 0, sum = 0; byte < 256; byte++) {
    start[byte] = sum;
    sum += block.counts[byte]!;
  }
  for (let i = 0; i < block.length; i++) tt[start[tt[i]! & 0xff]!++]! |= i << 8;

  let out = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let crc = CRC_START;
  let position = tt[block.origin]! >>> 8;
  let previous = -1;
  let same = 0;
  for (let left = block.length; left > 0; left--) {
    const entry = tt[position]!;
    position = entry >>> 8;
    let byte = entry & 0xff;
    let copies = 1;
    if (same === 4) {
      copies = byte; // after four equal bytes: how many more copies of them follow
      byte = previous;
      previous = -1;
      same = 0;
    } else if (byte === previous) {
      same++;
    } else {
      previous = byte;
      same = 1;
    }
    for (; copies > 0; copies--) {
      crc = crcByte(crc, byte);
      out[used++] = byte;
      if (used === CHUNK) {
        yield out;
        out = Buffer.allocUnsafe(CHUNK);
        used = 0;
      }
    }
  }
  if (used > 0) yield out.subarray(0, used);
  if (crcValue(crc) !== block.crc) throw new Bzip2Error('a block CRC does not match its content');
}
