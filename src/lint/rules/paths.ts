// Path classification shared by the rules: bin dirs, lib dirs, multiarch triplets, doc dirs.
import type { FileEntry, PackageModel } from '../../core/model.js';

export const BIN_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/games', '/usr/libexec'];
export const PATH_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/games', '/usr/local/bin', '/usr/local/sbin'];

export function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + '/');
}

export function underAny(path: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => under(path, d));
}

/** Directly inside one of the dirs (not deeper). */
export function directlyIn(path: string, dirs: readonly string[]): boolean {
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  return dirs.includes(parent);
}

/** Debian multiarch triplets (dpkg-architecture -qDEB_HOST_MULTIARCH) by neutral arch. */
export const TRIPLETS: Record<string, string> = {
  amd64: 'x86_64-linux-gnu', i386: 'i386-linux-gnu', arm64: 'aarch64-linux-gnu', armhf: 'arm-linux-gnueabihf',
  armel: 'arm-linux-gnueabi', ppc64el: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu', riscv64: 'riscv64-linux-gnu',
  mips64el: 'mips64el-linux-gnuabi64', loong64: 'loongarch64-linux-gnu', x32: 'x86_64-linux-gnux32',
};
const KNOWN_TRIPLETS = new Set(Object.values(TRIPLETS));

/** The multiarch triplet directory a path lies in (`/usr/lib/x86_64-linux-gnu/…`), if any. */
export function tripletOf(path: string): string | undefined {
  const m = /^(?:\/usr)?\/lib\/([^/]+)(?:\/|$)/.exec(path);
  return m && KNOWN_TRIPLETS.has(m[1]!) ? m[1] : undefined;
}

export function isSharedLibrary(path: string): boolean {
  return /\/lib[^/]*\.so(?:\.\d[\w.]*)?$/.test(path) && /^(?:\/usr)?\/lib(?:32|64|x32)?\//.test(path);
}

/** Packages that create the system hierarchy itself; lintian exempts them from layout checks too. */
export function createsHierarchy(model: PackageModel): boolean {
  return ['base-files', 'filesystem', 'base-passwd'].includes(model.metadata.name);
}

/** Groups entries by a key, keeping the first path and a count, to report mass problems once. */
export function grouped<T>(entries: readonly FileEntry[], key: (e: FileEntry) => T | undefined): Map<T, FileEntry[]> {
  const groups = new Map<T, FileEntry[]>();
  for (const entry of entries) {
    const k = key(entry);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(entry);
    groups.set(k, list);
  }
  return groups;
}

export function examples(entries: readonly FileEntry[]): string {
  return entries.length === 1 ? entries[0]!.path : `${entries.length} entries, e.g. ${entries[0]!.path}`;
}
