import { PkgError } from './errors.js';

/**
 * The canonical absolute form of a package path: leading `/`, no `.`/empty segments, no trailing `/`.
 * A `..` segment or a NUL byte is refused: a package path must never climb out of the root.
 */
export function canonicalPath(raw: string, where = 'path'): string {
  if (raw.includes('\0')) throw new PkgError('path-invalid', `${where} contains a NUL byte: ${JSON.stringify(raw)}`);
  const segments: string[] = [];
  for (const segment of raw.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw new PkgError('path-invalid', `${where} contains a '..' segment: ${raw}`);
    segments.push(segment);
  }
  return '/' + segments.join('/');
}

/** The parent of a canonical path; "/" for top-level entries. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Joins a canonical directory and a relative or absolute path. */
export function joinPath(dir: string, rest: string): string {
  return canonicalPath(`${dir}/${rest}`);
}

/**
 * Resolves a symlink target against the link's directory, inside the package root.
 * Returns null when the target climbs above the root (`..` past `/`).
 */
export function resolveLinkTarget(linkPath: string, target: string): string | null {
  const segments = target.startsWith('/') ? [] : parentPath(linkPath).split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return '/' + segments.join('/');
}

/** Byte-wise order of UTF-8 paths, so every output sorts the same way on every machine. */
export function comparePaths(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, UTF-16 order is UTF-8 byte order; beyond, encoding tells (rare, and not worth a shortcut).
    return x < 0xd800 && y < 0xd800 ? x - y : Buffer.compare(Buffer.from(a), Buffer.from(b));
  }
  return a.length - b.length;
}
