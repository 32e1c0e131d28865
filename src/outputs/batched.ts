// Archive writers produce many small pieces (a 512-byte tar header, a 110-byte cpio header, a tiny
// file); passing each through the compressor and the file system separately would dominate the cost
// of a package of small files. This gathers them into chunks of at least `minimum` bytes.

export async function* batched(chunks: AsyncIterable<Buffer>, minimum = 64 * 1024): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= minimum) {
      yield pending.length === 1 ? chunk : Buffer.concat(pending, length);
      pending = [];
      length = 0;
    }
  }
  if (length) yield Buffer.concat(pending, length);
}
