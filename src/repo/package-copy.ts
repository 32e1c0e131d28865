// A package file copied into the repository's staging area, hashed as it streams by (one read).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PkgError, describeError } from '../core/errors.js';

export interface CopiedFile {
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

export async function copyHashing(source: string, target: string): Promise<CopiedFile> {
  const hashes = { md5: createHash('md5'), sha1: createHash('sha1'), sha256: createHash('sha256') };
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      for (const hash of Object.values(hashes)) hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 256 * 1024 }), tap, createWriteStream(target, { mode: 0o644 }));
  } catch (err) {
    throw new PkgError('output-failed', `copying ${source} into the repository: ${describeError(err)}`, { cause: err });
  }
  return { size, md5: hashes.md5.digest('hex'), sha1: hashes.sha1.digest('hex'), sha256: hashes.sha256.digest('hex') };
}
