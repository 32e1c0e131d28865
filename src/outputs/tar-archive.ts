// Streams model entries as a GNU tar archive (for the tar output and deb's data.tar).
import type { FileEntry } from '../core/model.js';
import { contentOf } from '../core/exact-length.js';
import { capabilityXattr } from '../formats/capability.js';
import { XATTR, encodePaxHeader, encodeTarHeader, tarPadding, tarTrailer } from '../formats/tar.js';

export interface TarArchiveOptions {
  /** Write a `./` entry for the root first, as dpkg-deb does. */
  rootEntry?: { mtime: number };
  /** Write file capabilities as PAX `SCHILY.xattr.security.capability` records (never in a deb: dpkg refuses PAX). */
  xattrs?: boolean;
  /** Sees every chunk of file content as it streams (for md5sums and digests). */
  onData?: (entry: FileEntry, chunk: Uint8Array) => void;
}

/** `./usr/bin/foo`, with a trailing slash for directories, as GNU tar writes names. */
export function archiveName(entry: Pick<FileEntry, 'path' | 'type'>): string {
  return `.${entry.path}${entry.type === 'dir' ? '/' : ''}`;
}

/** Chunks are at least this size: a write per 512-byte header would dominate small files. */
const BATCH = 64 * 1024;

/** Yields the archive in chunks of at least 64 KiB; small files are read whole, synchronously, straight into the batch. */
export async function* tarArchive(files: readonly FileEntry[], options: TarArchiveOptions = {}): AsyncGenerator<Buffer> {
  let pending: Uint8Array[] = [];
  let length = 0;
  let written = 0;
  const add = (bytes: Uint8Array) => {
    pending.push(bytes);
    length += bytes.length;
    written += bytes.length;
  };
  const take = () => {
    const batch = pending.length === 1 ? Buffer.from(pending[0]!.buffer, pending[0]!.byteOffset, length) : Buffer.concat(pending, length);
    pending = [];
    length = 0;
    return batch;
  };
  if (options.rootEntry) {
    add(encodeTarHeader({
      name: './', type: 'dir', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', size: 0, mtime: options.rootEntry.mtime,
    }));
  }
  for (const entry of files) {
    if (options.xattrs && entry.capabilities) {
      add(encodePaxHeader(archiveName(entry), [[`${XATTR}security.capability`, capabilityXattr(entry.capabilities)]]));
    }
    add(encodeTarHeader({
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
      ...(entry.device ? { devMajor: entry.device.major, devMinor: entry.device.minor } : {}),
    }));
    if (entry.type === 'file' && entry.size > 0) {
      const whole = entry.source?.readWhole?.();
      if (whole && whole.length === entry.size) {
        options.onData?.(entry, whole);
        add(whole);
      } else {
        for await (const chunk of contentOf(entry)) { // also says what is wrong when the whole read was not right
          options.onData?.(entry, chunk);
          add(chunk);
          if (length >= BATCH) yield take();
        }
      }
      add(tarPadding(entry.size));
    }
    if (length >= BATCH) yield take();
  }
  add(tarTrailer(written));
  yield take();
}
