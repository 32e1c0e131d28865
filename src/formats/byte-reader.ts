// A pull reader over a byte stream: exact reads for small headers, bounded forwarding for bodies.
// Used by the cpio decoder; never buffers more than one chunk beyond what a header needs.

export class UnexpectedEnd extends Error {
  constructor() {
    super('unexpected end of data');
  }
}

export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private pending: Buffer = Buffer.alloc(0);
  private done = false;
  /** Bytes consumed so far (for alignment and error messages). */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    return true;
  }

  /** Exactly `n` bytes (copied), or UnexpectedEnd. Keep `n` small: it is buffered. */
  async read(n: number): Promise<Buffer> {
    while (this.pending.length < n) {
      if (!(await this.fill())) throw new UnexpectedEnd();
    }
    const out = Buffer.from(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    this.position += n;
    return out;
  }

  /** Hands the next `n` bytes to `sink` chunk by chunk, or throws UnexpectedEnd. */
  async forward(n: number, sink: (chunk: Buffer) => Promise<void> | void): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.pending.length === 0 && !(await this.fill())) throw new UnexpectedEnd();
      const take = Math.min(left, this.pending.length);
      const chunk = this.pending.subarray(0, take);
      this.pending = this.pending.subarray(take);
      this.position += take;
      left -= take;
      await sink(chunk);
    }
  }

  /** The next chunk of at most `max` bytes (as it arrived, not copied), or UnexpectedEnd. */
  async chunk(max: number): Promise<Buffer> {
    if (this.pending.length === 0 && !(await this.fill())) throw new UnexpectedEnd();
    const take = Math.min(max, this.pending.length);
    const chunk = this.pending.subarray(0, take);
    this.pending = this.pending.subarray(take);
    this.position += take;
    return chunk;
  }

  async skip(n: number): Promise<void> {
    await this.forward(n, () => {});
  }

  /** True when nothing is left (reads ahead one chunk if needed). */
  async atEnd(): Promise<boolean> {
    return this.pending.length === 0 && !(await this.fill());
  }

  /** Reads and discards everything left; returns how many bytes that was. */
  async drain(): Promise<number> {
    let n = this.pending.length;
    this.pending = Buffer.alloc(0);
    while (await this.fill()) {
      n += this.pending.length;
      this.pending = Buffer.alloc(0);
    }
    this.position += n;
    return n;
  }

  /** Stops the underlying iterator (closing its stream) when the reader is abandoned. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.iterator.return?.();
    }
  }
}
