// Streams the listed files as rpm's cpio payload (docs/FORMATS.md §B1.6), computing each file's SHA-256 on
// the way: newc with `./` names, or, when a file is 4 GiB or larger, the stripped 07070X format for
// every member. In a hardlink set every member gets a header, the data goes with the last one (the
// member with the highest header index: rpmfiArchiveHasContent checks exactly that).
import { createHash } from 'node:crypto';
import { contentOf } from '../../core/exact-length.js';
import type { FileEntry } from '../../core/model.js';
import { cpioPadding, encodeNewcHeader, encodeNewcTrailer, encodeStrippedHeader } from '../../formats/cpio.js';
import type { RpmFile } from './file-list.js';

export interface PayloadArchiveOptions {
  /** Use rpm's stripped 07070X headers (the package has LONGFILESIZES). */
  stripped: boolean;
  /** Receives the lowercase hex digest of each regular file's content, by the holder's path. */
  digests: Map<string, string>;
  /** node:crypto name of the file digest algorithm (--rpm-digest). */
  digest: string;
}

/** Payload order: header order, except that a hardlink set is written together where its first member is. */
function payloadOrder(files: readonly RpmFile[]): RpmFile[][] {
  const groups: RpmFile[][] = [];
  const sets = new Map<string, RpmFile[]>();
  for (const f of files) {
    if (!f.inPayload) continue;
    if (f.content) {
      const key = f.content.path;
      const set = sets.get(key);
      if (set) {
        set.push(f);
        continue;
      }
      const fresh = [f];
      sets.set(key, fresh);
      groups.push(fresh);
    } else {
      groups.push([f]);
    }
  }
  return groups;
}

export async function* payloadArchive(files: readonly RpmFile[], options: PayloadArchiveOptions): AsyncGenerator<Buffer> {
  let offset = 0;
  const emit = (bytes: Buffer): Buffer => {
    offset += bytes.length;
    return bytes;
  };
  for (const group of payloadOrder(files)) {
    for (let i = 0; i < group.length; i++) {
      const f = group[i]!;
      const carriesData = i === group.length - 1;
      const dataSize = f.entry.type === 'dir' ? 0 : f.entry.type === 'symlink' ? f.size : carriesData ? f.size : 0;
      yield emit(options.stripped
        ? encodeStrippedHeader(f.index)
        : encodeNewcHeader({
          name: `.${f.entry.path}`, ino: f.inode, mode: f.mode, uid: f.entry.uid, gid: f.entry.gid,
          nlink: f.nlink, mtime: f.entry.mtime, size: dataSize,
        }));
      if (f.entry.type === 'symlink') {
        yield emit(Buffer.from(f.linkTo, 'utf8'));
      } else if (f.entry.type !== 'dir' && carriesData) {
        const holder = f.content ?? f.entry;
        for await (const chunk of hashedContent(holder, options.digests, options.digest)) yield emit(chunk);
      }
      const pad = cpioPadding(offset);
      if (pad.length) yield emit(pad);
    }
  }
  yield emit(encodeNewcTrailer());
}

async function* hashedContent(entry: FileEntry, digests: Map<string, string>, algorithm: string): AsyncGenerator<Buffer> {
  const hash = createHash(algorithm);
  if (entry.size > 0) {
    for await (const chunk of contentOf(entry)) {
      hash.update(chunk);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  digests.set(entry.path, hash.digest('hex'));
}
