// Reads a bzip2 stream's bits, most significant bit of each byte first. The reader works on the
// bytes it was given; the stream framing (stream.ts) hands it enough for a whole block before the
// block is decoded, so decoding never waits for input mid-block.
import { Bzip2Error, TRUNCATED } from './error.js';

export class BitReader {
  private data: Uint8Array = new Uint8Array(0);
  /** The next byte of `data` to move into `acc`; may run past the end while peeking (zeros). */
  private pos = 0;
  /** Up to 31 bits read from `data` but not yet consumed, the oldest highest. */
  private acc = 0;
  private count = 0;

  /** Replaces the bytes not yet read with `bytes` (which must start with them) and more. */
  refill(bytes: Uint8Array): void {
    const padding = this.pos - this.data.length; // zero bytes a peek added past the end, never consumed
    if (padding > 0) {
      this.count -= padding * 8;
      this.acc = (this.acc >>> (padding * 8)) & ((1 << this.count) - 1);
    }
    this.data = bytes;
    this.pos = 0;
  }

  /** The bytes not yet moved into the bit buffer (the framing keeps them and appends new input). */
  unread(): Uint8Array {
    return this.data.subarray(Math.min(this.pos, this.data.length));
  }

  /** The next `n` (≤ 24) bits, not consumed; past the end of the data they read as zeros. */
  peek(n: number): number {
    while (this.count < n) {
      this.acc = (this.acc << 8) | (this.data[this.pos++] ?? 0);
      this.count += 8;
    }
    return (this.acc >>> (this.count - n)) & ((1 << n) - 1);
  }

  /** Consumes `n` bits already peeked; reading beyond the data is a truncated stream. */
  skip(n: number): void {
    this.count -= n;
    this.acc &= (1 << this.count) - 1;
    if (this.pos > this.data.length && (this.pos - this.data.length) * 8 > this.count) {
      throw new Bzip2Error(TRUNCATED);
    }
  }

  /** Reads `n` (≤ 24) bits. */
  bits(n: number): number {
    const value = this.peek(n);
    this.skip(n);
    return value;
  }

  bit(): number {
    return this.bits(1);
  }

  /** Reads 32 bits as an unsigned number (CRCs). */
  uint32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Drops the bits left in the current byte (streams start on a byte boundary). */
  alignToByte(): void {
    this.skip(this.count & 7);
  }

  /** How many bits of the data are left to read. */
  bitsLeft(): number {
    return this.count + (this.data.length - this.pos) * 8; // a peek past the end has made pos > length
  }
}
