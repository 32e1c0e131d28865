// Where package inputs keep file contents: while an archive is read once, end to end, every regular
// member's bytes are appended to one temporary file, hashed on the way (docs/ARCHITECTURE.md: content is a
// re-openable source, never held in memory). Each member becomes a byte range of the spool; one file
// for the whole archive, written in batches, keeps the per-member cost tiny.
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { PkgError, describeError } from '../core/errors.js';
import type { ContentSource } from '../core/model.js';
import { progress } from '../core/progress.js';
import { readRange } from '../core/source.js';
import { exactLength } from '../core/exact-length.js';

/** Writes are gathered up to this size: one write per member would cost more than the copying. */
const FLUSH_BYTES = 1024 * 1024;

export interface SpooledContent {
  source: ContentSource;
  /** Lowercase hex digests of the content, one per requested algorithm (`md5`, `sha256` …). */
  digests: Record<string, string>;
}

/** Content as chunks, or as a producer that pushes chunks into a sink. */
export type Chunks = AsyncIterable<Uint8Array> | ((sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>);

export class Spool {
  private handle: FileHandle | undefined;
  private end = 0;
  private written = 0;
  private pending: Uint8Array[] = [];

  constructor(readonly path: string) {}

  /**
   * Appends one member's content, hashing it with each of `algorithms`. With `size`, exactly that many
   * bytes must arrive. The sources can be read once the spool is closed.
   */
  async add(chunks: Chunks, algorithms: readonly string[], describe: string, size?: number): Promise<SpooledContent> {
    const hashes: [string, Hash][] = algorithms.map((a) => [a, createHash(a)]);
    const offset = this.end;
    const sink = async (chunk: Uint8Array) => {
      for (const [, hash] of hashes) hash.update(chunk);
      this.pending.push(chunk);
      this.end += chunk.length;
      progress.advance(chunk.length);
      if (this.end - this.written >= FLUSH_BYTES) await this.flush();
    };
    if (typeof chunks === 'function') {
      await chunks(sink);
    } else {
      const short = (found: string) => new PkgError('input-invalid', `${describe}: expected ${size} bytes of content, found ${found}`);
      for await (const chunk of size === undefined ? chunks : exactLength(chunks, size, short)) await sink(chunk);
    }
    const length = this.end - offset;
    const digests = Object.fromEntries(hashes.map(([a, hash]) => [a, hash.digest('hex')]));
    return { source: rangeSource(this.path, offset, length, describe), digests };
  }

  /** Writes what is gathered and closes the file; its sources stay readable until the run's temp dir goes. */
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
      const spooled = (found: string) => new PkgError('input-invalid', `reading ${describe}: spooled content is ${found} bytes, expected ${size}`);
      try {
        yield* exactLength(readRange(path, offset, size), size, spooled);
      } catch (err) {
        if (err instanceof PkgError) throw err;
        throw new PkgError('input-unreadable', `reading ${describe}: ${describeError(err)}`, { cause: err });
      }
    },
  };
}

/** An empty source (%ghost files). */
export function emptySource(describe: string): ContentSource {
  return { size: 0, describe, async *open() {} };
}
