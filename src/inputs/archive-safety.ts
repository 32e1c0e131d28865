// Checks for hostile archive members, shared by every input that reads an archive someone else
// made (tar, npm tarballs, a deb's data.tar). A member is refused, with a one-line
// PkgError('input-unsafe') naming it, before anything is written. The rules follow what GNU tar
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

/**
 * The relative segments of an archive member name, `./` and empty segments dropped.
 * Refuses absolute names, `..` segments and NUL bytes.
 */
export function memberSegments(name: string, archive: string): string[] {
  const unsafe = (why: string) => new PkgError('input-unsafe', `${archive}: refusing member ${JSON.stringify(name)}: ${why}`);
  if (name.includes('\0')) throw unsafe('its name contains a NUL byte');
  if (name.startsWith('/')) throw unsafe('it has an absolute name');
  const segments: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw unsafe("its name contains a '..' segment");
    segments.push(segment);
  }
  return segments;
}

/**
 * Refuses a symlink at `path` (canonical package path) whose relative target climbs above `/`.
 * `archive` prefixes the message; '' when the caller's context already names the archive.
 */
export function checkSymlinkTarget(path: string, target: string, archive: string, member: string): void {
  const where = archive ? `${archive}: ` : '';
  if (target === '') throw new PkgError('input-unsafe', `${where}refusing symlink ${JSON.stringify(member)}: its target is empty`);
  if (target.includes('\0') || resolveLinkTarget(path, target) === null) {
    throw new PkgError('input-unsafe', `${where}refusing symlink ${JSON.stringify(member)} -> ${JSON.stringify(target)}: it points outside the package root`);
  }
}

/** Refuses a member size that is negative, fractional or absurd (`limit`: e.g. the archive's own size). */
export function checkMemberSize(size: number, archive: string, member: string, limit = MAX_MEMBER_SIZE): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > limit) {
    throw new PkgError('input-unsafe', `${archive}: refusing member ${JSON.stringify(member)}: its size (${size} bytes) is impossible for this archive`);
  }
}

/** Refuses device, FIFO and socket members: no package model entry can hold them. */
export function specialMemberError(kind: string, archive: string, member: string): PkgError {
  return new PkgError('input-unsafe', `${archive}: refusing member ${JSON.stringify(member)}: it is a ${kind}; only files, directories and links can be packaged`);
}

/**
 * Tracks the paths placed so far, so that a member below a symlink (written through the link on
 * extraction) or a hardlink to something that is not an earlier regular file is refused.
 */
export class PlacedPaths {
  private readonly kinds = new Map<string, 'file' | 'dir' | 'symlink' | 'hardlink'>();

  constructor(private readonly archive: string) {}

  /** Checks that no parent of `path` is a symlink or file, then records it. */
  place(path: string, kind: 'file' | 'dir' | 'symlink' | 'hardlink', member: string): void {
    for (let dir = parentPath(path); dir !== '/'; dir = parentPath(dir)) {
      const parent = this.kinds.get(dir);
      if (parent === undefined || parent === 'dir') continue;
      throw new PkgError('input-unsafe', `${this.archive}: refusing member ${JSON.stringify(member)}: it lies below ${dir}, which is a ${parent}`);
    }
    this.kinds.set(path, kind);
  }

  /** Refuses a hardlink whose target (already resolved to a package path) is not an earlier regular member. */
  checkHardlinkTarget(target: string | null, rawTarget: string, member: string): string {
    const kind = target === null ? undefined : this.kinds.get(target);
    if (target === null || (kind !== 'file' && kind !== 'hardlink')) {
      throw new PkgError('input-unsafe', `${this.archive}: refusing hardlink ${JSON.stringify(member)} -> ${JSON.stringify(rawTarget)}: its target is not an earlier file inside the archive`);
    }
    return target;
  }

  has(path: string): boolean {
    return this.kinds.has(path);
  }
}
