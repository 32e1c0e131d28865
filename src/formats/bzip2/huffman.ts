// A bzip2 Huffman table: code lengths (1..20) per symbol, turned into canonical codes — shorter
// codes first, then by symbol — as bzip2 assigns them. Codes of up to FAST_BITS bits are looked up
// in one step; longer ones are found by length. A hostile table may be over-subscribed (refused
// when built) or incomplete (a bit pattern without a symbol is refused when met).
import type { BitReader } from './bit-reader.js';
import { Bzip2Error } from './error.js';

export const MAX_CODE_LENGTH = 20;
const FAST_BITS = 10;

export class HuffmanTable {
  /** Indexed by the next FAST_BITS bits: symbol << 5 | length, or 0 when the code is longer. */
  private readonly fast = new Uint16Array(1 << FAST_BITS);
  /** Per length: the first code, how many codes, and where their symbols start in `symbols`. */
  private readonly first = new Int32Array(MAX_CODE_LENGTH + 1);
  private readonly count = new Int32Array(MAX_CODE_LENGTH + 1);
  private readonly offset = new Int32Array(MAX_CODE_LENGTH + 1);
  private readonly symbols: Uint16Array;

  constructor(lengths: Uint8Array) {
    this.symbols = new Uint16Array(lengths.length);
    for (const length of lengths) this.count[length]!++;
    let code = 0;
    let at = 0;
    for (let length = 1; length <= MAX_CODE_LENGTH; length++) {
      this.first[length] = code;
      this.offset[length] = at;
      code += this.count[length]!;
      at += this.count[length]!;
      if (code > 1 << length) throw new Bzip2Error('a Huffman table has more codes than its lengths allow');
      code <<= 1;
    }
    const next = this.offset.slice();
    for (let symbol = 0; symbol < lengths.length; symbol++) this.symbols[next[lengths[symbol]!]!++] = symbol;
    for (let length = 1; length <= FAST_BITS; length++) {
      for (let i = 0; i < this.count[length]!; i++) {
        const start = (this.first[length]! + i) << (FAST_BITS - length);
        this.fast.fill((this.symbols[this.offset[length]! + i]! << 5) | length, start, start + (1 << (FAST_BITS - length)));
      }
    }
  }

  /** Reads one symbol. */
  decode(bits: BitReader): number {
    const next = bits.peek(MAX_CODE_LENGTH);
    const hit = this.fast[next >>> (MAX_CODE_LENGTH - FAST_BITS)]!;
    if (hit !== 0) {
      bits.skip(hit & 31);
      return hit >>> 5;
    }
    for (let length = FAST_BITS + 1; length <= MAX_CODE_LENGTH; length++) {
      const index = (next >>> (MAX_CODE_LENGTH - length)) - this.first[length]!;
      if (index < this.count[length]!) {
        bits.skip(length);
        return this.symbols[this.offset[length]! + index]!;
      }
    }
    throw new Bzip2Error('a Huffman code matches no symbol');
  }
}
