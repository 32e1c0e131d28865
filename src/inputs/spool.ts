// One temporary file holding the content of every regular member of an archive read once, end to
// end (DESIGN.md §1.5: content is a re-openable source, never held in memory). Each member becomes a
// byte range of the spool: one file for the whole archive keeps the per-member cost to one write,
// however many small files the archive holds.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PkgError, describeError } from '../core/errors.js';
import type { ContentSource } from '../core/model.js';

/** Writes are gathered up to this size: one write per member would cost more than the copying. */
const FLUSH_BYTES = 1024 * 1024;

export class Spool {
  private handle: FileHandle | undefined;
  private end = 0;
  private written = 0;
  private pending: Uint8Array[] = [];

  constructor(readonly path: string) {}

  /** Copies `content` to the end of the spool; fails unless exactly `size` bytes arrive. */
  async append(content: AsyncIterable<Uint8Array>, size: number, describe: string): Promise<ContentSource> {
    const offset = this.end;
    let seen = 0;
    for await (const chunk of content) {
      seen += chunk.length;
      if (seen > size) break;
      this.pending.push(chunk);
      this.end += chunk.length;
      if (this.end - this.written >= FLUSH_BYTES) await this.flush();
    }
    if (seen !== size) throw new PkgError('input-invalid', `${describe}: expected ${size} bytes of content, found ${seen}`);
    return rangeSource(this.path, offset, size, describe);
  }

  /** Writes what is gathered; the sources returned so far can be read once the spool is closed. */
  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = Buffer.concat(this.pending);
    this.pending = [];
    const handle = this.handle ??= await open(this.path, 'w');
    await handle.write(data, 0, data.length, this.written);
    this.written += data.length;
  }
}

/** `size` bytes of a file from `offset`, re-read on every open(). */
export function rangeSource(path: string, offset: number, size: number, describe: string): ContentSource {
  return {
    size,
    describe,
    async *open() {
      if (size === 0) return;
      let seen = 0;
      try {
        for await (const chunk of createReadStream(path, { start: offset, end: offset + size - 1, highWaterMark: 256 * 1024 })) {
          seen += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } catch (err) {
        throw new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
      }
      if (seen !== size) throw new PkgError('input-invalid', `reading ${describe}: spooled content is ${seen} bytes, expected ${size}`);
    },
  };
}
