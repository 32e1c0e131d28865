import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { ContentSource } from './model.js';
import { PkgError, describeError } from './errors.js';
import { exactLength } from './exact-length.js';

/** Content read from a file on disk each time it is opened. The size must not change meanwhile. */
export function fileSource(path: string, size: number, describe = path): ContentSource {
  return {
    size,
    describe,
    async *open() {
      // One byte more than expected: a file that grew is noticed, not cut short.
      const chunks = readRange(path, 0, size + 1);
      const changed = (found: string) => new PkgError('input-invalid', `reading ${describe}: file changed while packaging (expected ${size} bytes, found ${found})`);
      try {
        yield* exactLength(chunks, size, changed);
      } catch (err) {
        if (err instanceof PkgError) throw err;
        throw new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
      }
    },
  };
}

/** Ranges up to this size are read in one synchronous call. */
const SMALL_READ = 64 * 1024;

/**
 * At most `length` bytes of `path` from `offset`. A small range is one synchronous read: a thread-pool
 * round trip per open, read and close would dominate a package of 20,000 small files. A large one
 * streams, in buffers no larger than it.
 */
export async function* readRange(path: string, offset: number, length: number): AsyncGenerator<Buffer> {
  if (length <= SMALL_READ) {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(length);
      const read = readSync(fd, buffer, 0, length, offset);
      if (read > 0) yield buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
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

/**
 * An input package file opened once: positional reads and byte-range streams all use the one handle,
 * which close() releases. Reads are exact: a range past the end of the file is `truncated`.
 */
export class InputFile {
  private constructor(readonly path: string, private readonly handle: FileHandle, readonly size: number) {}

  static async open(path: string): Promise<InputFile> {
    const handle = await openInput(path);
    try {
      return new InputFile(path, handle, (await handle.stat()).size);
    } catch (err) {
      await handle.close();
      throw new PkgError('input-unreadable', `cannot read ${path}: ${describeError(err)}`, { cause: err });
    }
  }

  /** Up to `length` bytes from `position`: fewer only where the file ends (for magic sniffing). */
  async head(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - position)));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break; // the file shrank meanwhile
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  /** Exactly `length` bytes from `position`, or `truncated(available)`. */
  async readExactly(position: number, length: number, truncated: (available: number) => Error): Promise<Buffer> {
    if (position + length > this.size) throw truncated(Math.max(0, this.size - position)); // before allocating a hostile length
    const bytes = await this.head(position, length);
    if (bytes.length < length) throw truncated(bytes.length);
    return bytes;
  }

  /** Streams `length` bytes from `position` (the handle stays open for other ranges). */
  range(position: number, length?: number): Readable {
    const end = length === undefined ? undefined : position + length - 1;
    if (end !== undefined && end < position) return Readable.from([]);
    return this.handle.createReadStream({ autoClose: false, start: position, end, highWaterMark: 256 * 1024 });
  }

  async close(): Promise<void> {
    await this.handle.close();
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

