// data.tar (docs/FORMATS.md §B2.3) → file entries. Regular files' content goes to the content spool,
// MD5-hashed on the way for the md5sums check; links, directories and owners come from the headers.
import type { Readable } from 'node:stream';
import { checkSymlinkTarget } from '../archive-safety.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { FileEntry } from '../../core/model.js';
import { canonicalPath } from '../../core/paths.js';
import type { Compression } from '../../formats/compress.js';
import { decoding, type DecodeLimits } from '../../formats/decode.js';
import type { Spool } from '../spool.js';
import { forEachTarEntry } from '../tar-read.js';

export interface DataTar {
  files: FileEntry[];
  /** MD5 of each regular file's content, by canonical path. */
  md5: Map<string, string>;
}

export async function readDataTar(input: Readable, compression: Compression, limits: DecodeLimits, spool: Spool,
  describe: string, diag: Diagnostics): Promise<DataTar> {
  const files: FileEntry[] = [];
  const md5 = new Map<string, string>();
  /** Files and hardlinks so far: what a hardlink may point to (dpkg-deb -x links to what it has extracted). */
  const linkable = new Set<string>();
  const count = await forEachTarEntry([input, decoding(compression, limits)], async (header, body) => {
    const path = canonicalPath(header.name, `data.tar member '${header.name}'`);
    const base = {
      path,
      mode: (header.mode ?? 0) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      user: header.uname || String(header.uid ?? 0),
      group: header.gname || String(header.gid ?? 0),
      mtime: Math.floor((header.mtime?.getTime() ?? 0) / 1000),
      size: 0,
    };
    switch (header.type) {
      case 'file':
      case 'contiguous-file': {
        if (header.name.endsWith('/')) {
          files.push({ ...base, type: 'dir' }); // dpkg treats a file named `x/` as a directory
          return;
        }
        const { source, digests } = await spool.add(body, ['md5'], `${path} in ${describe}`);
        md5.set(path, digests.md5!);
        linkable.add(path);
        files.push({ ...base, type: 'file', size: source.size, source });
        return;
      }
      case 'directory':
        if (path !== '/') files.push({ ...base, type: 'dir' });
        return;
      case 'symlink':
        checkSymlinkTarget(path, header.linkname ?? '', '', header.name);
        files.push({ ...base, type: 'symlink', target: header.linkname ?? '' });
        return;
      case 'link': {
        const target = canonicalPath(header.linkname ?? '', `hardlink target of ${path}`);
        if (!linkable.has(target)) throw new PkgError('input-unsafe', `refusing hardlink "${header.name}" -> "${header.linkname}": its target is not an earlier file`);
        linkable.add(path);
        files.push({ ...base, type: 'hardlink', target });
        return;
      }
      default:
        diag.warn('entry-unsupported', `${path} in ${describe} is a ${header.type}; pkgshift packages only files, directories and links, so it is left out`);
    }
  });
  if (count === 0) throw new Error('empty tar archive');
  return { files, md5 };
}
