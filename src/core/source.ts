import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { SMALL_CONTENT, type ContentSource } from './model.js';
import { PkgError, describeError } from './errors.js';

/** Content read from a file on disk each time it is opened. The size must not change meanwhile. */
export function fileSource(path: string, size: number, describe = path): ContentSource {
  const unreadable = (err: unknown) => new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
  const checkSize = (seen: number) => {
    if (seen !== size) throw new PkgError('input-invalid', `reading ${describe}: file changed while packaging (expected ${size} bytes, found ${seen})`);
  };
  const source: ContentSource = {
    size,
    describe,
    async *open() {
      if (source.readWhole) {
        yield source.readWhole();
        return;
      }
      let seen = 0;
      try {
        // One byte more than expected: a file that grew is noticed, not cut short.
        for await (const chunk of readRange(path, 0, size + 1)) {
          seen += chunk.length;
          if (seen > size) break;
          yield chunk;
        }
      } catch (err) {
        throw unreadable(err);
      }
      checkSize(seen);
    },
  };
  if (size < SMALL_CONTENT) {
    source.readWhole = () => {
      let bytes: Buffer;
      try {
        bytes = readSmallRange(path, 0, size + 1);
      } catch (err) {
        throw unreadable(err);
      }
      checkSize(bytes.length);
      return bytes;
    };
  }
  return source;
}

/**
 * At most `length` (≤ SMALL_CONTENT + 1) bytes of `path` from `offset`, in one synchronous read: a
 * thread-pool round trip per open, read and close would dominate a package of 20,000 small files.
 */
export function readSmallRange(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, offset));
  } finally {
    closeSync(fd);
  }
}

/** At most `length` bytes of `path` from `offset`: a small range in one read, a large one streamed in buffers no larger than it. */
export async function* readRange(path: string, offset: number, length: number): AsyncGenerator<Buffer> {
  if (length <= SMALL_CONTENT + 1) {
    const bytes = readSmallRange(path, offset, length);
    if (bytes.length > 0) yield bytes;
    return;
  }
  const stream = createReadStream(path, { start: offset, end: offset + length - 1, highWaterMark: Math.min(length, 256 * 1024) });
  for await (const chunk of stream) yield chunk as Buffer;
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
    readWhole: () => bytes,
  };
}

/**
 * Opens an input package file for reading; a missing or unreadable one is the user's error, said in
 * one line. Anything but a regular file is refused before it is opened: opening a FIFO would block
 * until something writes to it, and package readers seek, which a pipe cannot.
 */
export async function openInput(path: string): Promise<FileHandle> {
  checkRegularFile(path, await statInput(path));
  try {
    return await open(path, 'r');
  } catch (err) {
    throw new PkgError('input-unreadable', `cannot open ${path}: ${describeError(err)}`, { cause: err });
  }
}

/** stat() of an input (which never blocks, unlike open() of a FIFO). */
export async function statInput(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (err) {
    throw new PkgError('input-missing', `cannot open ${path}: ${describeError(err)}`, { cause: err });
  }
}

export function checkRegularFile(path: string, stats: Stats): void {
  if (stats.isFile()) return;
  const kind = stats.isDirectory() ? 'a directory' : stats.isFIFO() ? 'a pipe (FIFO)' : stats.isSocket() ? 'a socket'
    : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file';
  const hint = stats.isFIFO() ? ': package readers seek, so save it to a file first (e.g. curl -o pkg.deb …)' : ', not a package file';
  throw new PkgError('input-invalid', `${path} is ${kind}${hint}`);
}

