// Where package inputs keep file contents: every regular file's bytes are appended, while the
// archive is read once, to one spool file under the run's temporary directory, hashed on the way.
// Each FileEntry's source is then a byte range of the spool: re-openable, streamed, never in memory
// (DESIGN.md §1.5). One spool file instead of one per entry keeps per-file cost tiny.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ContentSource } from '../core/model.js';
import { PkgError, describeError } from '../core/errors.js';

export interface SpooledContent {
  source: ContentSource;
  /** Lowercase hex digests of the content, one per requested algorithm. */
  digests: Record<string, string>;
}

export class ContentSpool {
  private handle: FileHandle | undefined;
  private length = 0;

  constructor(private readonly path: string) {}

  /**
   * Appends `chunks` as one file's content, hashing it with each algorithm in `algorithms`
   * (`md5`, `sha1`, `sha256` …). `describe` names the entry for later error messages.
   */
  async add(chunks: AsyncIterable<Uint8Array> | ((sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>),
    algorithms: readonly string[], describe: string): Promise<SpooledContent> {
    const handle = this.handle ?? (this.handle = await open(this.path, 'w'));
    const hashes: [string, Hash][] = algorithms.map((a) => [a, createHash(a)]);
    const start = this.length;
    const sink = async (chunk: Uint8Array) => {
      for (const [, hash] of hashes) hash.update(chunk);
      let written = 0;
      while (written < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, written, chunk.length - written, this.length);
        written += bytesWritten;
        this.length += bytesWritten;
      }
    };
    if (typeof chunks === 'function') {
      await chunks(sink);
    } else {
      for await (const chunk of chunks) await sink(chunk);
    }
    const digests = Object.fromEntries(hashes.map(([a, hash]) => [a, hash.digest('hex')]));
    return { source: rangeSource(this.path, start, this.length - start, describe), digests };
  }

  /** Closes the spool for writing; its sources stay readable until the run's temp dir is removed. */
  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** `size` bytes of `path` from `start`, re-read on every open(). */
export function rangeSource(path: string, start: number, size: number, describe: string): ContentSource {
  return {
    size,
    describe,
    async *open() {
      if (size === 0) return;
      let seen = 0;
      try {
        for await (const chunk of createReadStream(path, { start, end: start + size - 1, highWaterMark: 256 * 1024 })) {
          seen += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } catch (err) {
        throw new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
      }
      if (seen !== size) throw new PkgError('input-unreadable', `reading ${describe}: spooled content is short (${seen} of ${size} bytes)`);
    },
  };
}

/** An empty source (directories' absent content, %ghost files). */
export function emptySource(describe: string): ContentSource {
  return { size: 0, describe, async *open() {} };
}
