// Spools the compressed payload to a temporary file, hashing the uncompressed cpio stream
// (PAYLOADDIGESTALT) and the compressed bytes (PAYLOADDIGEST) as they pass, so the header can be built
// before the payload is copied into the package. Memory stays flat whatever the payload's size.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { placeOf } from '../../core/cleanup.js';
import { diskFull, isDiskFull } from '../../core/errors.js';
import { compressor, type Compression } from '../../formats/compress.js';
import { batched } from '../batched.js';
import { payloadArchive } from './payload-archive.js';
import type { RpmFile } from './file-list.js';

export interface SpooledPayload {
  path: string;
  /** Uncompressed cpio bytes (signature PAYLOADSIZE). */
  archiveSize: number;
  /** Compressed bytes as stored in the package. */
  compressedSize: number;
  archiveSha256: string;
  compressedSha256: string;
  /** Per regular file (by the path holding the content): digest of the content (--rpm-digest, SHA-256 by default). */
  fileDigests: Map<string, string>;
}

class Measure extends Transform {
  readonly hash: Hash = createHash('sha256');
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

export async function spoolPayload(
  files: readonly RpmFile[], stripped: boolean, compression: Compression, level: number, path: string, digest = 'sha256',
): Promise<SpooledPayload> {
  const fileDigests = new Map<string, string>();
  const archive = new Measure();
  const compressed = new Measure();
  try {
    await pipeline(
      Readable.from(batched(payloadArchive(files, { stripped, digests: fileDigests, digest }))),
      archive,
      compressor(compression, level),
      compressed,
      createWriteStream(path),
    );
  } catch (err) {
    throw isDiskFull(err) ? diskFull('the rpm payload', placeOf(path), err) : err;
  }
  return {
    path,
    archiveSize: archive.bytes,
    compressedSize: compressed.bytes,
    archiveSha256: archive.hash.digest('hex'),
    compressedSha256: compressed.hash.digest('hex'),
    fileDigests,
  };
}
