import type { FileEntry, PackageModel } from './model.js';
import { PkgError } from './errors.js';
import { canonicalPath, comparePaths, parentPath } from './paths.js';

export interface NormalizeOptions {
  /** SOURCE_DATE_EPOCH: mtimes are clamped to it, and implicit directories get it. */
  sourceDateEpoch?: number;
}

/** SOURCE_DATE_EPOCH from the environment, or undefined when unset. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new PkgError('usage', `SOURCE_DATE_EPOCH must be a whole number of seconds, not '${raw}'`);
  return Number(raw);
}

/**
 * Puts a model in the one shape every output relies on (nfpm's PrepareForPackager):
 * canonical absolute paths, parents before children (implicit ones added), byte-sorted,
 * no duplicates, owners defaulting to root, mtimes clamped, and in every hardlink set the
 * first path (in sorted order) holding the content.
 */
export function normalize(model: PackageModel, options: NormalizeOptions = {}): PackageModel {
  const byPath = new Map<string, FileEntry>();
  for (const entry of model.files) {
    const path = canonicalPath(entry.path, `package path '${entry.path}'`);
    if (path === '/') continue; // the root belongs to the system, never to a package
    if (byPath.has(path)) throw new PkgError('path-duplicate', `the package has two entries for ${path}`);
    byPath.set(path, withDefaults({ ...entry, path }, options));
  }
  addImplicitParents(byPath, options);
  const files = [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
  regroupHardlinks(files, byPath);
  return { ...model, files };
}

function withDefaults(entry: FileEntry, { sourceDateEpoch }: NormalizeOptions): FileEntry {
  const clamped = sourceDateEpoch !== undefined && entry.mtime > sourceDateEpoch ? sourceDateEpoch : entry.mtime;
  return {
    ...entry,
    mode: entry.mode & 0o7777,
    user: entry.user || (entry.uid === 0 ? 'root' : String(entry.uid)),
    group: entry.group || (entry.gid === 0 ? 'root' : String(entry.gid)),
    mtime: Math.max(0, Math.floor(clamped)),
    size: entry.type === 'file' ? entry.size : 0,
  };
}

function addImplicitParents(byPath: Map<string, FileEntry>, options: NormalizeOptions): void {
  for (const entry of [...byPath.values()]) {
    for (let dir = parentPath(entry.path); dir !== '/'; dir = parentPath(dir)) {
      const existing = byPath.get(dir);
      if (existing) {
        if (existing.type !== 'dir') {
          throw new PkgError('path-invalid', `${entry.path} lies under ${dir}, which is a ${existing.type}, not a directory`);
        }
        break;
      }
      byPath.set(dir, {
        path: dir, type: 'dir', mode: 0o755, uid: 0, gid: 0, user: 'root', group: 'root',
        mtime: options.sourceDateEpoch ?? entry.mtime, size: 0, implicit: true,
      });
    }
  }
}

/**
 * Makes every hardlink set point at its first member in sorted order, which then holds the content,
 * so that a link never precedes its data (tar and cpio readers need that). All members share the
 * holder's inode attributes: mode, owner, mtime.
 */
function regroupHardlinks(sorted: FileEntry[], byPath: Map<string, FileEntry>): void {
  const holderOf = (entry: FileEntry): FileEntry => {
    const seen = new Set<string>();
    let current = entry;
    while (current.type === 'hardlink') {
      if (seen.has(current.path)) throw new PkgError('input-invalid', `hardlink loop at ${entry.path}`);
      seen.add(current.path);
      const target = current.target === undefined ? undefined : byPath.get(canonicalPath(current.target));
      if (!target) throw new PkgError('input-invalid', `hardlink ${entry.path} points at ${current.target}, which is not in the package`);
      current = target;
    }
    if (current.type !== 'file') throw new PkgError('input-invalid', `hardlink ${entry.path} points at a ${current.type}, not a file`);
    return current;
  };
  const sets = new Map<FileEntry, FileEntry[]>();
  for (const entry of sorted) {
    if (entry.type !== 'file' && entry.type !== 'hardlink') continue;
    const holder = holderOf(entry);
    sets.set(holder, [...(sets.get(holder) ?? []), entry]);
  }
  for (const [holder, members] of sets) {
    if (members.length === 1) continue;
    const inode = { mode: holder.mode, uid: holder.uid, gid: holder.gid, user: holder.user, group: holder.group, mtime: holder.mtime };
    const [first, ...links] = members as [FileEntry, ...FileEntry[]];
    Object.assign(first, inode, { type: 'file', target: undefined, size: holder.size, source: holder.source });
    for (const link of links) Object.assign(link, inode, { type: 'hardlink', target: first.path, size: 0, source: undefined });
  }
}
