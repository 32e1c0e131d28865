// One bzip2 block, from the bits after its magic to its BWT-transformed bytes:
//   block CRC (32), randomised (1), origin pointer (24),
//   which of the 256 byte values occur (16 + 16×16 bits),
//   number of Huffman tables (3 bits, 2..6), number of selectors (15 bits) and the selectors
//   (which table codes each group of 50 symbols; unary, move-to-front coded),
//   each table's code lengths (5-bit start, then per symbol: 1x = change by one, 0 = done),
//   then Huffman-coded symbols: RUNA/RUNB spell a run length of the front byte in bijective
//   base 2, 2..n move byte n-1 to the front, the last symbol ends the block.
// The bytes (before the final run-length step) are collected in the low 8 bits of `tt`, as the
// inverse BWT (inverse-bwt.ts) wants them.
import type { BitReader } from './bit-reader.js';
import { Bzip2Error } from './error.js';
import { HuffmanTable, MAX_CODE_LENGTH } from './huffman.js';

/** The most selectors bzip2 writes; streams with more are decoded with the first ones (as bzip2 1.0.8 does). */
const MAX_SELECTORS = 18002;
const GROUP_SIZE = 50;
const RUNA = 0;
const RUNB = 1;

export interface Block {
  crc: number;
  origin: number;
  /** The block's bytes in tt[0..length), low 8 bits. */
  length: number;
  /** How often each byte value occurs in the block. */
  counts: Uint32Array;
}

/** Reads one block into `tt` (sized for the stream's block size). */
export function readBlock(bits: BitReader, tt: Uint32Array): Block {
  const crc = bits.uint32();
  if (bits.bit()) throw new Bzip2Error('the block is randomised (written by bzip2 0.9.0 or older), which pkgshift does not read');
  const origin = bits.bits(24);

  const used = usedBytes(bits);
  const alphabet = used.length + 2; // RUNA, RUNB, the bytes but the front one, end of block
  const groups = bits.bits(3);
  if (groups < 2 || groups > 6) throw new Bzip2Error(`bad block header (${groups} Huffman tables)`);
  const selectors = readSelectors(bits, groups);
  const tables: HuffmanTable[] = [];
  for (let t = 0; t < groups; t++) tables.push(new HuffmanTable(readLengths(bits, alphabet)));

  const counts = new Uint32Array(256);
  const front = new Uint8Array(256).map((_, i) => i); // move-to-front list of indexes into `used`
  const endOfBlock = alphabet - 1;
  let length = 0;
  let run = 0;
  let runWeight = 1;
  let table = tables[0]!;
  for (let symbolIndex = 0; ; symbolIndex++) {
    if (symbolIndex % GROUP_SIZE === 0) {
      const selector = selectors[symbolIndex / GROUP_SIZE];
      if (selector === undefined) throw new Bzip2Error('the block has more symbols than selectors');
      table = tables[selector]!;
    }
    const symbol = table.decode(bits);
    if (symbol === RUNA || symbol === RUNB) {
      if (runWeight > tt.length) throw new Bzip2Error('a run is longer than the block');
      run += (symbol + 1) * runWeight;
      runWeight <<= 1;
      continue;
    }
    if (run > 0) {
      if (length + run > tt.length) throw new Bzip2Error('the block is larger than its stream\'s block size');
      const byte = used[front[0]!]!;
      counts[byte]! += run;
      tt.fill(byte, length, length + run);
      length += run;
      run = 0;
      runWeight = 1;
    }
    if (symbol === endOfBlock) break;
    if (length >= tt.length) throw new Bzip2Error('the block is larger than its stream\'s block size');
    const position = symbol - 1;
    const index = front[position]!;
    front.copyWithin(1, 0, position);
    front[0] = index;
    const byte = used[index]!;
    counts[byte]!++;
    tt[length++] = byte;
  }
  if (origin >= length) throw new Bzip2Error(`bad block header (origin ${origin} beyond the block's ${length} bytes)`);
  return { crc, origin, length, counts };
}

/** The byte values the block uses, in order: 16 bits say which ranges of 16 hold any, then one bit per value. */
function usedBytes(bits: BitReader): Uint8Array {
  const ranges = bits.bits(16);
  const used: number[] = [];
  for (let range = 0; range < 16; range++) {
    if (!(ranges & (0x8000 >>> range))) continue;
    const values = bits.bits(16);
    for (let i = 0; i < 16; i++) if (values & (0x8000 >>> i)) used.push(range * 16 + i);
  }
  if (used.length === 0) throw new Bzip2Error('bad block header (no byte values used)');
  return Uint8Array.from(used);
}

function readSelectors(bits: BitReader, groups: number): Uint8Array {
  const count = bits.bits(15);
  if (count === 0) throw new Bzip2Error('bad block header (no selectors)');
  const selectors = new Uint8Array(Math.min(count, MAX_SELECTORS));
  const order = Uint8Array.from({ length: groups }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    let position = 0;
    while (bits.bit()) {
      if (++position >= groups) throw new Bzip2Error('bad block header (a selector names a missing table)');
    }
    const table = order[position]!;
    order.copyWithin(1, 0, position);
    order[0] = table;
    if (i < selectors.length) selectors[i] = table;
  }
  return selectors;
}

function readLengths(bits: BitReader, alphabet: number): Uint8Array {
  const lengths = new Uint8Array(alphabet);
  let length = bits.bits(5);
  for (let symbol = 0; symbol < alphabet; symbol++) {
    for (;;) {
      if (length < 1 || length > MAX_CODE_LENGTH) throw new Bzip2Error(`bad Huffman table (a code length of ${length})`);
      if (!bits.bit()) break;
      length += bits.bit() ? -1 : 1;
    }
    lengths[symbol] = length;
  }
  return lengths;
}
