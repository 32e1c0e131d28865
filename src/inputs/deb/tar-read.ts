// Reads a (compressed) tar member entry by entry with tar-stream, which understands the ustar, GNU
// (`L`/`K` long names, base-256) and PAX dialects. Errors from the file, the decompressor or the
// tar parser all surface from one promise, and a failing consumer tears the whole chain down.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream, { type Header } from 'tar-stream';
import { decompressor, type Compression } from '../../formats/compress.js';

export async function forEachTarEntry(input: Readable, compression: Compression,
  onEntry: (header: Header, body: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  const decode = decompressor(compression);
  const extract = tarStream.extract();
  const feeding = pipeline(input, decode, extract);
  let failure: unknown;
  let sawEntries = false;
  try {
    for await (const entry of extract) {
      sawEntries = true;
      await onEntry(entry.header, entry as AsyncIterable<Buffer>);
      entry.resume();
    }
  } catch (err) {
    failure = err;
    input.destroy();
    decode.destroy();
  }
  try {
    await feeding;
  } catch (err) {
    failure ??= err;
  }
  if (failure) throw failure;
  if (!sawEntries) throw new Error('empty tar archive');
}
