// An index file (Packages, primary.xml …) written into staging once per compression, streamed through
// the compressor, with the checksums and sizes of what is on disk and of the uncompressed text.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Compression, compressor } from '../formats/compress.js';

export interface Digest {
  size: number;
  md5: string;
  sha256: string;
}

export interface StagedIndex {
  path: string;
  digest: Digest;
  /** Of the uncompressed text. */
  open: Digest;
}

function tap(): { stream: Transform; digest(): Digest } {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      md5.update(chunk);
      sha256.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, digest: () => ({ size, md5: md5.digest('hex'), sha256: sha256.digest('hex') }) };
}

/** Writes `parts` (joined) to `path`, compressed with `compression`. */
export async function writeIndexFile(path: string, parts: Iterable<string>, compression: Compression): Promise<StagedIndex> {
  const open = tap();
  const onDisk = tap();
  const encode = function* () {
    for (const part of parts) yield Buffer.from(part, 'utf8');
  };
  await pipeline(Readable.from(encode()), open.stream, compressor(compression), onDisk.stream, createWriteStream(path, { mode: 0o644 }));
  return { path, digest: onDisk.digest(), open: open.digest() };
}
