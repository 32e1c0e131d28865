// Streams model entries as a GNU tar archive (for the tar output and deb's data.tar).
import type { FileEntry } from '../core/model.js';
import { contentOf } from '../core/exact-length.js';
import { encodeTarHeader, tarPadding, tarTrailer } from '../formats/tar.js';
import { batched } from './batched.js';

export interface TarArchiveOptions {
  /** Write a `./` entry for the root first, as dpkg-deb does. */
  rootEntry?: { mtime: number };
  /** Sees every chunk of file content as it streams (for md5sums and digests). */
  onData?: (entry: FileEntry, chunk: Uint8Array) => void;
}

/** `./usr/bin/foo`, with a trailing slash for directories, as GNU tar writes names. */
export function archiveName(entry: Pick<FileEntry, 'path' | 'type'>): string {
  return `.${entry.path}${entry.type === 'dir' ? '/' : ''}`;
}

/** Yields the archive in chunks of at least 64 KiB: a write per 512-byte header would dominate small files. */
export async function* tarArchive(files: readonly FileEntry[], options: TarArchiveOptions = {}): AsyncGenerator<Buffer> {
  yield* batched(tarBlocks(files, options), 64 * 1024);
}

async function* tarBlocks(files: readonly FileEntry[], options: TarArchiveOptions): AsyncGenerator<Buffer> {
  let written = 0;
  const emit = (bytes: Buffer) => {
    written += bytes.length;
    return bytes;
  };
  if (options.rootEntry) {
    yield emit(encodeTarHeader({
      name: './', type: 'dir', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: options.rootEntry.mtime,
    }));
  }
  for (const entry of files) {
    yield emit(encodeTarHeader({
      name: archiveName(entry),
      type: entry.type,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      uname: entry.user,
      gname: entry.group,
      size: entry.type === 'file' ? entry.size : 0,
      mtime: entry.mtime,
      linkname: entry.type === 'symlink' ? entry.target : entry.type === 'hardlink' ? `.${entry.target}` : undefined,
    }));
    if (entry.type !== 'file' || entry.size === 0) continue;
    for await (const chunk of contentOf(entry)) {
      options.onData?.(entry, chunk);
      yield emit(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    yield emit(tarPadding(entry.size));
  }
  yield emit(tarTrailer(written));
}
