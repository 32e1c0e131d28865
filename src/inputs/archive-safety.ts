// Checks for hostile archive members, shared by every input that reads an archive someone else
// made (tar, npm tarballs, a deb's data.tar, an rpm's file list and payload): one policy, one error
// code. A member is refused, with a one-line PkgError('input-unsafe') naming it (after the archive,
// unless `archive` is '' because the caller's context names it), before anything is written. The rules follow what GNU tar
// and bsdtar refuse on extraction (docs/ARCHITECTURE.md "bad input"):
//   - absolute names and `..` segments (tar would write outside the target directory);
//   - symlinks whose target climbs above the package root, and hardlinks to anything but an
//     earlier regular member of the same archive;
//   - members below a symlink (writing them would follow the link);
//   - devices, FIFOs and sockets (the package model has no such type);
//   - sizes no file system holds.
import { PkgError } from '../core/errors.js';
import { parentPath, resolveLinkTarget } from '../core/paths.js';

/** Larger than any real member (1 PiB): a size beyond it is a corrupt or hostile header. */
export const MAX_MEMBER_SIZE = 2 ** 50;

/** Deeper than any real package: a name nested further is refused (path walks stay cheap). */
export const MAX_DEPTH = 256;

/** How a message names the archive: `foo.tar.gz: `, or nothing where the caller's context names it. */
function where(archive: string): string {
  return archive ? `${archive}: ` : '';
}

/**
 * The relative segments of an archive member name, `./` and empty segments dropped.
 * Refuses absolute names, `..` segments and NUL bytes.
 */
export function memberSegments(name: string, archive: string): string[] {
  const unsafe = (why: string) => new PkgError('input-unsafe', `${where(archive)}refusing member ${JSON.stringify(name)}: ${why}`);
  if (name.includes('\0')) throw unsafe('its name contains a NUL byte');
  // eslint-disable-next-line no-control-regex
  if (/[\x01-\x1f\x7f]/.test(name)) throw unsafe('its name contains control characters (dpkg and rpm refuse them)');
  if (name.startsWith('/')) throw unsafe('it has an absolute name');
  const segments: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw unsafe("its name contains a '..' segment");
    if (Buffer.byteLength(segment) > 255) throw unsafe('a component of its name is longer than 255 bytes');
    segments.push(segment);
    if (segments.length > MAX_DEPTH) throw unsafe(`it lies more than ${MAX_DEPTH} directories deep`);
  }
  return segments;
}

/** Refuses a symlink at `path` (canonical package path) whose relative target climbs above `/`. */
export function checkSymlinkTarget(path: string, target: string, archive: string, member: string): void {
  if (target === '') throw new PkgError('input-unsafe', `${where(archive)}refusing symlink ${JSON.stringify(member)}: its target is empty`);
  if (target.includes('\0') || resolveLinkTarget(path, target) === null) {
    throw new PkgError('input-unsafe', `${where(archive)}refusing symlink ${JSON.stringify(member)} -> ${JSON.stringify(target)}: it points outside the package root`);
  }
}

/** Refuses a member size that is negative, fractional or absurd (`limit`: e.g. the archive's own size). */
export function checkMemberSize(size: number, archive: string, member: string, limit = MAX_MEMBER_SIZE): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > limit) {
    throw new PkgError('input-unsafe', `${where(archive)}refusing member ${JSON.stringify(member)}: its size (${size} bytes) is impossible for this archive`);
  }
}

/** Refuses device, FIFO and socket members: no package model entry can hold them. */
export function specialMemberError(kind: string, archive: string, member: string): PkgError {
  return new PkgError('input-unsafe', `${where(archive)}refusing member ${JSON.stringify(member)}: it is a ${kind}; only files, directories and links can be packaged`);
}

/**
 * Tracks the paths placed so far, so that a member below a symlink (written through the link on
 * extraction) or a hardlink to something that is not an earlier regular file is refused.
 */
export class PlacedPaths {
  private readonly kinds = new Map<string, 'file' | 'dir' | 'symlink' | 'hardlink'>();

  constructor(private readonly archive: string) {}

  /**
   * Checks that no parent of `path` is a symlink or file, then records it and its parents (as
   * directories). The walk stops at the first known directory: its own parents were checked when it
   * was placed, and nothing can replace a directory, so each member costs only its new parents.
   */
  place(path: string, kind: 'file' | 'dir' | 'symlink' | 'hardlink', member: string): void {
    const refuse = (why: string) => new PkgError('input-unsafe', `${where(this.archive)}refusing member ${JSON.stringify(member)}: ${why}`);
    if (kind !== 'dir' && this.kinds.get(path) === 'dir') throw refuse(`it would replace the directory ${path}`);
    for (let dir = parentPath(path); dir !== '/'; dir = parentPath(dir)) {
      const parent = this.kinds.get(dir);
      if (parent === 'dir') break;
      if (parent !== undefined) throw refuse(`it lies below ${dir}, which is a ${parent}`);
      this.kinds.set(dir, 'dir');
    }
    this.kinds.set(path, kind);
  }

  /** Refuses a hardlink whose target (already resolved to a package path) is not an earlier regular member. */
  checkHardlinkTarget(target: string | null, rawTarget: string, member: string): string {
    const kind = target === null ? undefined : this.kinds.get(target);
    if (target === null || (kind !== 'file' && kind !== 'hardlink')) {
      throw new PkgError('input-unsafe', `${where(this.archive)}refusing hardlink ${JSON.stringify(member)} -> ${JSON.stringify(rawTarget)}: its target is not an earlier file inside the archive`);
    }
    return target;
  }

  has(path: string): boolean {
    return this.kinds.has(path);
  }
}
