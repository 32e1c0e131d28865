// Reads byte ranges of a byte source in one forward pass that stops once the last range is
// complete: the sources stream, they do not seek (DESIGN.md §1.5), so random access is a re-open.

/** Bytes that can be streamed from the start (the model's ContentSource is one). */
export interface ByteSource {
  size: number;
  open(): AsyncIterable<Uint8Array>;
}

export interface ByteRange {
  start: number;
  length: number;
}

/** The bytes of each range (shorter when the file ends first), in one pass over the source. */
export async function readRanges(source: ByteSource, ranges: readonly ByteRange[]): Promise<Buffer[]> {
  const out = ranges.map((r) => Buffer.alloc(Math.max(0, Math.min(r.length, source.size - r.start))));
  const end = Math.max(0, ...ranges.map((r, i) => r.start + out[i]!.length));
  if (end === 0) return out;
  let offset = 0;
  for await (const chunk of source.open()) {
    const chunkEnd = offset + chunk.length;
    ranges.forEach((r, i) => {
      const from = Math.max(r.start, offset);
      const to = Math.min(r.start + out[i]!.length, chunkEnd);
      if (from < to) out[i]!.set(chunk.subarray(from - offset, to - offset), from - r.start);
    });
    offset = chunkEnd;
    if (offset >= end) break;
  }
  return out;
}
