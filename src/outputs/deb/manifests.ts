// The control files listing the package's files: md5sums, conffiles, and the Installed-Size figure
// (FORMATS.md §B2.2). Each file lists paths one per line, so a path with a newline cannot be packaged.
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { FileEntry } from '../../core/model.js';
import { installedSizeKiB, md5sumsLine } from '../../formats/deb/control.js';

export function checkPathsFitLists(files: readonly FileEntry[]): void {
  const bad = files.find((f) => f.path.includes('\n'));
  if (bad) throw new PkgError('path-invalid', `${JSON.stringify(bad.path)}: deb lists paths one per line, so a path cannot contain a newline`);
}

/**
 * `<md5>  <path without the leading />` for every regular file, as dh_md5sums writes it: each link
 * of a hardlink set has its own line (dpkg --verify checks every path it lists), and conffiles are
 * left out (dpkg records their hashes in its database from the package itself).
 */
export function md5sumsText(files: readonly FileEntry[], md5: ReadonlyMap<string, string>, conffiles: ReadonlySet<string> = new Set()): string {
  let text = '';
  for (const entry of files) {
    if (conffiles.has(entry.path)) continue;
    const holder = entry.type === 'file' ? entry.path : entry.type === 'hardlink' ? entry.target : undefined;
    if (holder === undefined) continue;
    const digest = md5.get(holder);
    if (!digest) throw new PkgError('output-failed', `no md5 computed for ${holder}`);
    text += md5sumsLine(digest, entry.path);
  }
  return text;
}

/**
 * conffiles: the files marked `config` (for inputs without config flags, the pipeline marks every file
 * under /etc, as dh_installdeb does). dpkg wants regular files only; other marked entries are left out.
 */
export function conffiles(files: readonly FileEntry[], diag: Diagnostics): string[] {
  const paths: string[] = [];
  for (const entry of files) {
    if (!entry.flags?.has('config')) continue;
    if (entry.type === 'file' || entry.type === 'hardlink') {
      paths.push(entry.path);
    } else {
      diag.warn('deb-conffile-not-file', `${entry.path} is marked as a config file but is a ${entry.type}: dpkg takes only regular files as conffiles`);
    }
  }
  return paths;
}

/**
 * Installed-Size as dpkg-gencontrol computes it in a Debian build: its scan covers the whole build
 * tree, which then also holds DEBIAN/ (1 KiB) with the scripts, conffiles and other control files
 * (not yet control and md5sums, written after it). Counted this way, the figure equals the one in
 * every corpus package (checked by test/deb-corpus.test.ts).
 */
export function installedSize(files: readonly FileEntry[], controlFiles: readonly { name: string; content: string }[]): number {
  const data = files.map((f) => ({
    type: f.type,
    size: f.type === 'symlink' ? Buffer.byteLength(f.target ?? '') : f.size,
  }));
  const control = controlFiles
    .filter((c) => c.name !== 'control' && c.name !== 'md5sums')
    .map((c) => ({ type: 'file', size: Buffer.byteLength(c.content) }));
  return installedSizeKiB([...data, { type: 'dir', size: 0 }, ...control]);
}
