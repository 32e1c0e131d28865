// The header's file list (docs/FORMATS.md §B1.5): paths from DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]
// (or OLDFILENAMES in packages older than rpm 3.0.4), and the per-file arrays.
import type { FileFlag } from '../../core/model.js';
import { memberSegments } from '../archive-safety.js';
import type { RpmHeader } from '../../formats/rpm/header-read.js';
import { HASHALGO, RPMFILE, Tag } from '../../formats/rpm/tags.js';

export interface HeaderFile {
  index: number;
  path: string;
  /** FILEMODES including the type bits. */
  mode: number;
  size: number;
  mtime: number;
  digest: string;
  linkTo: string;
  flags: number;
  user: string;
  group: string;
  /** `device:inode`: equal for the members of one hardlink set. */
  inode: string;
}

export function headerFiles(header: RpmHeader): HeaderFile[] {
  let paths = header.strings(Tag.OLDFILENAMES);
  if (paths.length === 0 && header.has(Tag.BASENAMES)) {
    const dirs = header.strings(Tag.DIRNAMES);
    const indexes = header.numbers(Tag.DIRINDEXES);
    paths = header.strings(Tag.BASENAMES).map((base, i) => {
      const dir = dirs[indexes[i] ?? -1];
      if (dir === undefined) throw new Error(`file ${base} has a directory index outside DIRNAMES`);
      return dir + base;
    });
  }
  const sizes = header.has(Tag.LONGFILESIZES) ? header.numbers(Tag.LONGFILESIZES) : header.numbers(Tag.FILESIZES);
  const modes = header.numbers(Tag.FILEMODES);
  const mtimes = header.numbers(Tag.FILEMTIMES);
  const digests = header.strings(Tag.FILEDIGESTS);
  const links = header.strings(Tag.FILELINKTOS);
  const flags = header.numbers(Tag.FILEFLAGS);
  const users = header.strings(Tag.FILEUSERNAME);
  const groups = header.strings(Tag.FILEGROUPNAME);
  const devices = header.numbers(Tag.FILEDEVICES);
  const inodes = header.numbers(Tag.FILEINODES);
  for (const [name, array] of [['FILEMODES', modes], ['FILESIZES', sizes]] as const) {
    if (array.length !== paths.length) throw new Error(`${name} has ${array.length} entries for ${paths.length} files`);
  }
  return paths.map((raw, index) => ({
    index,
    path: rpmMemberPath(raw),
    mode: modes[index]!,
    size: sizes[index]!,
    mtime: mtimes[index] ?? 0,
    digest: (digests[index] ?? '').toLowerCase(),
    linkTo: links[index] ?? '',
    flags: flags[index] ?? 0,
    user: users[index] || 'root',
    group: groups[index] || 'root',
    inode: `${devices[index] ?? 0}:${inodes[index] ?? index}`,
  }));
}

/**
 * The package path of an rpm file name: absolute in the header (`/usr/bin/foo`), `./`-relative in the
 * cpio payload. Checked by the one archive-member policy every input applies.
 */
export function rpmMemberPath(name: string): string {
  return `/${memberSegments(name.replace(/^\/+/, ''), '').join('/')}`;
}

/** FILEFLAGS (rpmfiles.h) → the neutral flags. %readme counts as documentation. */
export function fileFlags(bits: number): Set<FileFlag> | undefined {
  const flags = new Set<FileFlag>();
  if (bits & RPMFILE.CONFIG) flags.add('config');
  if (bits & RPMFILE.NOREPLACE) flags.add('noreplace');
  if (bits & RPMFILE.MISSINGOK) flags.add('missingok');
  if (bits & (RPMFILE.DOC | RPMFILE.README)) flags.add('doc');
  if (bits & RPMFILE.LICENSE) flags.add('license');
  if (bits & RPMFILE.GHOST) flags.add('ghost');
  return flags.size ? flags : undefined;
}

/** FILEDIGESTALGO (tag 5011; MD5 when absent) → a node:crypto algorithm name. */
export function fileDigestAlgorithm(header: RpmHeader): string {
  const id = header.number(Tag.FILEDIGESTALGO) ?? HASHALGO.MD5;
  const name = HASH_NAMES[id];
  if (!name) throw new Error(`unknown file digest algorithm ${id}`);
  return name;
}

export const HASH_NAMES: Record<number, string> = {
  [HASHALGO.MD5]: 'md5', [HASHALGO.SHA1]: 'sha1', [HASHALGO.SHA256]: 'sha256', [HASHALGO.SHA384]: 'sha384',
  [HASHALGO.SHA512]: 'sha512', [HASHALGO.SHA224]: 'sha224', [HASHALGO.SHA3_256]: 'sha3-256',
};
