import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ContentSource } from './model.js';
import { PkgError, describeError } from './errors.js';

/** Content read from a file on disk each time it is opened. The size must not change meanwhile. */
export function fileSource(path: string, size: number, describe = path): ContentSource {
  return {
    size,
    describe,
    async *open() {
      let seen = 0;
      try {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
          seen += (chunk as Buffer).length;
          if (seen > size) break;
          yield chunk as Buffer;
        }
      } catch (err) {
        throw new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
      }
      if (seen !== size) {
        throw new PkgError('input-invalid', `reading ${describe}: file changed while packaging (expected ${size} bytes, found ${seen})`);
      }
    },
  };
}

/** Content held in a small buffer (generated control files, scripts, test fixtures). */
export function bufferSource(data: Uint8Array | string, describe = 'generated content'): ContentSource {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return {
    size: bytes.length,
    describe,
    async *open() {
      yield bytes;
    },
  };
}

/** Opens an input file for reading; a missing or unreadable one is the user's error, said in one line. */
export async function openInput(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (err) {
    throw new PkgError('input-missing', `cannot open ${path}: ${describeError(err)}`, { cause: err });
  }
}
