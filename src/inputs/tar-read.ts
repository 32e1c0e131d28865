// Reads tar bytes entry by entry with the project's own decoder (formats/tar-decode.ts); shared by
// the tar input and a deb's control.tar and data.tar. Errors from the file, the decompressor or the
// decoder all surface from one promise, and a failing consumer tears the whole chain down.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteStage } from '../formats/decode.js';
import { decodeTar, type TarEntryHeader } from '../formats/tar-decode.js';

export type { TarEntryHeader } from '../formats/tar-decode.js';

/** Calls `onEntry` for each entry of the tar coming out of `streams` (a file stream, then a decompressing stage); returns how many. */
export async function forEachTarEntry(streams: [Readable, ...ByteStage[]],
  onEntry: (header: TarEntryHeader, body: AsyncIterable<Buffer>) => Promise<void>): Promise<number> {
  let count = 0;
  const consume = async (source: AsyncIterable<Buffer>) => {
    count = await decodeTar(source, onEntry);
  };
  await (pipeline as (...stages: unknown[]) => Promise<void>)(...streams, consume);
  return count;
}
