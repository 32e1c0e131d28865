// zstd framing (docs/FORMATS.md §B9), followed without decompressing: a pass-through that knows where
// each frame and block ends, so a stream cut short is an error whatever the decompressor says (the
// zstd of Node 22's node:zlib ends a truncated frame quietly, with no output and no error).

export class ZstdFrameError extends Error {}

const FRAME_MAGIC = 0xfd2fb528;
/** Skippable frames have magics 0x184D2A50 to 0x184D2A5F. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/** The same chunks as `source`; throws ZstdFrameError when it is not whole zstd frames. */
export async function* checkZstdFrames(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const walker = new FrameWalker();
  for await (const chunk of source) {
    walker.feed(chunk);
    yield chunk;
  }
  walker.end();
}

/** What comes next: header bytes to gather (how many each needs is in `step`), or contents to skip. */
type Expect = 'magic' | 'skippable-size' | 'frame-header' | 'block-header' | 'checksum';

/** Gathers headers byte by byte (they are at most 14 bytes) and skips contents by count. */
class FrameWalker {
  private expect: Expect = 'magic';
  private header: number[] = [];
  /** Content bytes still to skip before `expect` is read. */
  private skipping = 0;
  /** Whether the current frame ends with a 4-byte content checksum. */
  private checksum = false;
  private offset = 0;

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skipping > 0) {
        const take = Math.min(this.skipping, chunk.length - at);
        at += take;
        this.offset += take;
        this.skipping -= take;
        continue;
      }
      this.header.push(chunk[at]!);
      at++;
      this.offset++;
      this.step();
    }
  }

  end(): void {
    if (this.offset === 0) throw new ZstdFrameError('the stream is empty');
    if (this.expect !== 'magic' || this.header.length > 0 || this.skipping > 0) {
      throw new ZstdFrameError('the stream ends in the middle of a frame');
    }
  }

  /** Acts on the header bytes gathered so far, once there are enough. */
  private step(): void {
    const h = this.header;
    switch (this.expect) {
      case 'magic': {
        if (h.length < 4) return;
        const magic = le(h, 4);
        if (magic === FRAME_MAGIC) this.then(0, 'frame-header');
        else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) this.then(0, 'skippable-size');
        else throw new ZstdFrameError(`no zstd frame at byte ${this.offset - 4}`);
        return;
      }
      case 'skippable-size':
        if (h.length < 4) return;
        this.then(le(h, 4), 'magic');
        return;
      case 'frame-header': {
        // Frame_Header_Descriptor, then Window_Descriptor (absent for a single segment),
        // Dictionary_ID (0, 1, 2 or 4 bytes) and Frame_Content_Size (0 or 1 as below, 2, 4 or 8 bytes).
        const descriptor = h[0]!;
        if (descriptor & 0x08) throw new ZstdFrameError(`the frame header at byte ${this.offset - 1} sets a reserved bit`);
        const singleSegment = (descriptor & 0x20) !== 0;
        const contentSize = [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6]!;
        this.checksum = (descriptor & 0x04) !== 0;
        this.then((singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]! + contentSize, 'block-header');
        return;
      }
      case 'block-header': {
        if (h.length < 3) return;
        const value = le(h, 3);
        const last = (value & 1) === 1;
        const type = (value >> 1) & 3;
        if (type === 3) throw new ZstdFrameError(`the block at byte ${this.offset - 3} has the reserved type`);
        // An RLE block (type 1) stores one byte to repeat; raw and compressed blocks store Block_Size bytes.
        const stored = type === 1 ? 1 : value >>> 3;
        this.then(stored, !last ? 'block-header' : this.checksum ? 'checksum' : 'magic');
        return;
      }
      case 'checksum':
        if (h.length < 4) return;
        this.then(0, 'magic');
        return;
    }
  }

  /** Skips `bytes` of contents, then gathers the header `next`. */
  private then(bytes: number, next: Expect): void {
    this.header = [];
    this.skipping = bytes;
    this.expect = next;
  }
}

/** A little-endian number from the first `width` bytes. */
function le(bytes: number[], width: number): number {
  let value = 0;
  for (let i = width - 1; i >= 0; i--) value = value * 256 + bytes[i]!;
  return value;
}
