// One check for every place that streams content whose size was promised in advance (a file the
// model measured, a spooled member, a header's size field): exactly that many bytes must arrive.
// A source that grew is noticed at the first byte too many, never read to its end.
import { PkgError } from './errors.js';
import type { FileEntry } from './model.js';

/**
 * Passes `chunks` through, insisting on exactly `size` bytes; otherwise throws `mismatch(found)`,
 * where `found` is the count seen ("N or more" when the source ran past `size`).
 */
export async function* exactLength(chunks: AsyncIterable<Uint8Array>, size: number,
  mismatch: (found: string) => Error): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.length;
    if (seen > size) throw mismatch(`${seen} or more`);
    yield chunk;
  }
  if (seen !== size) throw mismatch(String(seen));
}

/** A file's content, exactly as many bytes as the entry says. */
export function contentOf(entry: FileEntry): AsyncIterable<Uint8Array> {
  const source = entry.source;
  if (!source) throw new PkgError('input-invalid', `${entry.path} has no content source`);
  return exactLength(source.open(), entry.size, (found) => new PkgError('input-invalid', `${source.describe}: expected ${entry.size} bytes, got ${found}`));
}
