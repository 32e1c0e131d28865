// bzip2 stream framing: "BZh" and the block size (1..9 × 100 kB), then blocks, each behind the
// 48-bit magic 0x314159265359 (π), then 0x177245385090 (√π) and the CRC combining the blocks'
// CRCs, padded to a byte. Streams may follow one another (pbzip2, `cat a.bz2 b.bz2`); anything else
// after a stream is ignored, as `bzip2 -d` ignores it.
//
// Memory stays a few MiB whatever the input: the block's bytes (4 bytes each, at most 900 kB),
// its compressed bits (at most what MAX_SYMBOL_BITS allows, held before the block is decoded), and
// one output chunk; the consumer takes each chunk before the next is made.
import { BitReader } from './bit-reader.js';
import { readBlock } from './block.js';
import { combineCrc } from './crc.js';
import { Bzip2Error, TRUNCATED } from './error.js';
import { MAX_CODE_LENGTH } from './huffman.js';
import { unBwt } from './inverse-bwt.js';

const STREAM_MAGIC = 0x425a68; // "BZh"
const BLOCK_MAGIC = [0x314159, 0x265359];
const END_MAGIC = [0x177245, 0x385090];
/** What a block's header can take beyond its symbols: bit maps, 32767 selectors, six tables. */
const HEADER_BYTES = 64 * 1024;

/** The decompressed bytes of the bzip2 stream(s) in `source`. Throws Bzip2Error on corrupt input. */
export async function* bunzip2(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer, void, undefined> {
  const input = source[Symbol.asyncIterator]();
  const bits = new BitReader();
  let ended = false;
  /** Reads input until `bytes` bytes are at hand or the input ends. */
  const fill = async (bytes: number) => {
    const parts = [bits.unread()];
    let have = parts[0]!.length;
    while (!ended && have < bytes) {
      const next = await input.next();
      if (next.done) ended = true;
      else {
        parts.push(next.value);
        have += next.value.length;
      }
    }
    bits.refill(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  };

  let tt = new Uint32Array(0);
  for (let stream = 0; ; stream++) {
    await fill(4);
    if (stream > 0 && (bits.bitsLeft() < 32 || bits.peek(24) !== STREAM_MAGIC)) break;
    if (bits.bits(24) !== STREAM_MAGIC) throw new Bzip2Error('not a bzip2 stream (bad magic)');
    const level = bits.bits(8) - 0x30;
    if (level < 1 || level > 9) throw new Bzip2Error('bad stream header (block size is not 1..9)');
    if (tt.length !== level * 100_000) tt = new Uint32Array(level * 100_000);
    // A block holds at most tt.length + 1 symbols of at most 20 bits each.
    const window = HEADER_BYTES + Math.ceil(((tt.length + 1) * MAX_CODE_LENGTH) / 8);
    let crc = 0;
    for (;;) {
      await fill(window);
      const magic = [bits.bits(24), bits.bits(24)];
      if (magic[0] === END_MAGIC[0] && magic[1] === END_MAGIC[1]) {
        if (bits.uint32() !== crc) throw new Bzip2Error('the stream CRC does not match its blocks');
        bits.alignToByte();
        break;
      }
      if (magic[0] !== BLOCK_MAGIC[0] || magic[1] !== BLOCK_MAGIC[1]) throw new Bzip2Error('bad block header (no block magic)');
      let block;
      try {
        block = readBlock(bits, tt);
      } catch (err) {
        // Only bits not yet read are missing; with more input to come, the block was longer than any block can be.
        if (err instanceof Bzip2Error && err.message === TRUNCATED && !ended) throw new Bzip2Error('a block is longer than its block size allows');
        throw err;
      }
      for (const chunk of unBwt(tt, block)) yield chunk;
      crc = combineCrc(crc, block.crc);
    }
  }
  // Whatever follows the last stream is read (it may be hashed by the caller) and ignored.
  while (!ended) ended = (await input.next()).done === true;
}
