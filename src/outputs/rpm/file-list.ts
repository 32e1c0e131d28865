// The package's files as rpm's header arrays see them (docs/FORMATS.md §B1.5): which entries are listed,
// their modes with type bits, sizes, flags, verify flags and abstract inodes.
import type { FileEntry } from '../../core/model.js';
import { comparePaths } from '../../core/paths.js';
import { RPMFILE, RPMVERIFY, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, encodeRdev } from '../../formats/rpm/tags.js';
import { isSystemDir } from './system-dirs.js';

export interface RpmFile {
  entry: FileEntry;
  /** Position in the header's file arrays (and the stripped cpio header's file index). */
  index: number;
  /** FILEMODES: permissions with the type bits. */
  mode: number;
  /** FILERDEVS: a device node's number in rpm's 16-bit encoding; 0 for everything else. */
  rdev: number;
  /** FILESIZES: content bytes, the link target's length for symlinks, 4096 for directories (as rpmbuild). */
  size: number;
  linkTo: string;
  flags: number;
  verifyFlags: number;
  /** FILEINODES: index + 1, shared by every member of a hardlink set. */
  inode: number;
  /** Members of this file's hardlink set (1 when not hardlinked). */
  nlink: number;
  /** For hardlinked files: the entry of the set holding the content (normalize puts it on the first). */
  content?: FileEntry;
  /** Ghost files are listed in the header but not in the payload. */
  inPayload: boolean;
}

/** rpmbuild's %__docdir_path: files below these are %doc even when not flagged. */
const DOC_DIRS = ['/usr/share/doc/', '/usr/share/man/', '/usr/share/info/', '/usr/share/gtk-doc/html/'];

/**
 * A directory is owned when --directories names it (or a directory above it); otherwise not when it is a
 * standard system directory or an implicit parent nobody named; otherwise (named by the input, or empty) it is.
 */
export function ownsDirectory(entry: FileEntry, directories: readonly string[], files: readonly FileEntry[] = []): boolean {
  if (directories.some((d) => entry.path === d || entry.path.startsWith(d === '/' ? '/' : `${d}/`))) return true;
  if (isSystemDir(entry.path)) return !entry.implicit && wouldBeLost(entry, files);
  return !entry.implicit;
}

/**
 * A system directory the package lists itself would be lost if left out when nothing of the package lies
 * under it (rpm creates only the parents of what it unpacks: base-files' empty /tmp and /var/spool would
 * not exist), or when its mode has a sticky, setgid or setuid bit (/tmp 1777, /var/mail 2775), which rpm
 * would not give the parent it creates.
 */
function wouldBeLost(entry: FileEntry, files: readonly FileEntry[]): boolean {
  if (entry.mode & 0o7000) return true;
  const prefix = `${entry.path}/`;
  return !files.some((f) => f.path.startsWith(prefix));
}

function fileFlags(entry: FileEntry): number {
  const flags = entry.flags ?? new Set();
  let bits = 0;
  const isContent = entry.type === 'file' || entry.type === 'hardlink';
  // %config(noreplace) keeps a user's edits across upgrades (the new file lands as .rpmnew), as dpkg
  // does for conffiles; plain %config replaces them (keeping the edit as .rpmsave).
  if (flags.has('config') || flags.has('noreplace')) bits |= RPMFILE.CONFIG;
  if (flags.has('noreplace')) bits |= RPMFILE.NOREPLACE;
  if (flags.has('doc') || (isContent && DOC_DIRS.some((d) => entry.path.startsWith(d)))) bits |= RPMFILE.DOC;
  if (flags.has('license')) bits |= RPMFILE.LICENSE;
  if (flags.has('missingok')) bits |= RPMFILE.MISSINGOK;
  if (flags.has('ghost')) bits |= RPMFILE.GHOST;
  return bits;
}

const TYPE_BITS: Record<FileEntry['type'], number> = {
  file: S_IFREG, hardlink: S_IFREG, dir: S_IFDIR, symlink: S_IFLNK, 'char-device': S_IFCHR, 'block-device': S_IFBLK, fifo: S_IFIFO,
};

/** The header's file list: every entry (the plan has left out the directories the package does not own), in rpm's order. */
export function rpmFileList(files: readonly FileEntry[]): RpmFile[] {
  const listed = [...files].sort((a, b) => comparePaths(a.path, b.path));
  const byPath = new Map(listed.map((e) => [e.path, e]));
  const members = new Map<string, number>();
  for (const e of listed) {
    if (e.type === 'hardlink' && e.target !== undefined) members.set(e.target, (members.get(e.target) ?? 1) + 1);
  }
  const result: RpmFile[] = [];
  const inodeOf = new Map<string, number>();
  listed.forEach((entry, index) => {
    const holder = entry.type === 'hardlink' && entry.target !== undefined ? byPath.get(entry.target) : undefined;
    const setHolder = holder ?? (members.has(entry.path) ? entry : undefined);
    const inode = setHolder ? (inodeOf.get(setHolder.path) ?? index + 1) : index + 1;
    if (setHolder) inodeOf.set(setHolder.path, inode);
    const flags = fileFlags(entry);
    const ghost = (flags & RPMFILE.GHOST) !== 0;
    const linkTo = entry.type === 'symlink' ? entry.target ?? '' : '';
    const size = entry.type === 'dir' ? 4096
      : entry.type === 'symlink' ? Buffer.byteLength(linkTo)
        : (holder ?? entry).size;
    result.push({
      rdev: entry.device ? encodeRdev(entry.device.major, entry.device.minor) ?? 0 : 0,
      entry, index, mode: TYPE_BITS[entry.type] | (entry.mode & 0o7777), size, linkTo, flags,
      // %ghost files are not on disk as packaged: rpm -V must not check their content, size, link or time.
      verifyFlags: ghost
        ? RPMVERIFY.ALL & ~(RPMVERIFY.FILEDIGEST | RPMVERIFY.FILESIZE | RPMVERIFY.LINKTO | RPMVERIFY.MTIME)
        : RPMVERIFY.ALL,
      inode,
      nlink: setHolder ? members.get(setHolder.path) ?? 1 : 1,
      content: setHolder,
      inPayload: !ghost,
    });
  });
  return result;
}

/** SIZE: bytes of regular files and symlinks, each hardlink set counted once (§B1.5). */
export function installedSize(files: readonly RpmFile[]): number {
  let total = 0;
  const seen = new Set<number>();
  for (const f of files) {
    if (f.entry.type === 'dir') continue;
    if (seen.has(f.inode)) continue;
    seen.add(f.inode);
    total += f.size;
  }
  return total;
}

/** DIRNAMES (each ending in `/`), BASENAMES and DIRINDEXES for the listed files. */
export function splitPaths(files: readonly RpmFile[]): { dirNames: string[]; baseNames: string[]; dirIndexes: number[] } {
  const dirNames: string[] = [];
  const dirIndex = new Map<string, number>();
  const baseNames: string[] = [];
  const dirIndexes: number[] = [];
  for (const f of files) {
    const slash = f.entry.path.lastIndexOf('/');
    const dir = f.entry.path.slice(0, slash + 1);
    let i = dirIndex.get(dir);
    if (i === undefined) {
      i = dirNames.length;
      dirNames.push(dir);
      dirIndex.set(dir, i);
    }
    dirIndexes.push(i);
    baseNames.push(f.entry.path.slice(slash + 1));
  }
  return { dirNames, baseNames, dirIndexes };
}
