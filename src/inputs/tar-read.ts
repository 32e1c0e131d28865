// Reads tar bytes entry by entry with tar-stream, which understands the ustar, GNU (`L`/`K` long
// names, base-256) and PAX dialects; shared by the tar input and a deb's control.tar and data.tar.
// Errors from the file, the decompressor or the tar parser all surface from one promise, and a
// failing consumer tears the whole chain down.
import type { Duplex, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream, { type Header } from 'tar-stream';

/** Calls `onEntry` for each entry of the tar coming out of `streams` (a file stream, then a decompressor); returns how many. */
export async function forEachTarEntry(streams: [Readable, ...(Transform | Duplex)[]],
  onEntry: (header: Header, body: AsyncIterable<Buffer>) => Promise<void>): Promise<number> {
  const extract = tarStream.extract();
  const feeding = pipeline([...streams, extract]);
  feeding.catch(() => undefined); // awaited below: a failure while the loop waits must not go unhandled
  let failure: unknown;
  let count = 0;
  try {
    for await (const entry of extract) {
      count++;
      await onEntry(entry.header, entry as AsyncIterable<Buffer>);
      entry.resume();
    }
  } catch (err) {
    failure = err;
    for (const stream of streams) stream.destroy();
  }
  try {
    await feeding;
  } catch (err) {
    failure ??= err;
  }
  if (failure) throw failure;
  return count;
}
