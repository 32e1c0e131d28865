// For the conversion tests: what the ORIGINAL package holds (from the real tools' listings plus a
// reference extraction for contents), what a throw-away root holds after installing the converted
// package, and the comparison of the two (docs/ARCHITECTURE.md harness: nothing touches the host).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './helpers.js';
import { dpkgListing, rpmListing, type InfoFile } from './package-listing.js';
import { readArMembers, writeAr } from './deb-build.js';

export interface ExpectedEntry {
  path: string;
  type: Exclude<InfoFile['type'], 'hardlink'>;
  mode: number;
  user: string;
  group: string;
  /** Seconds; compared for files and symlinks (directory mtimes change as children are added). */
  mtime?: number;
  target?: string;
  sha256?: string;
  /** Entries with the same key must be one inode. */
  linkSet?: string;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The original deb's entries: dpkg-deb -c for owners and links, dpkg-deb -x for contents and mtimes. */
export function expectedFromDeb(deb: string, scratch: string): ExpectedEntry[] {
  const ref = join(scratch, 'ref');
  runOk('dpkg-deb', ['-x', deb, ref]);
  return dpkgListing(deb).filter((e) => e.path !== '/').map((e) => {
    const on = join(ref, e.path);
    const st = lstatSync(on);
    const type = e.type === 'hardlink' ? 'file' : e.type!;
    const out: ExpectedEntry = { path: e.path, type, mode: e.mode, user: e.user, group: e.group };
    if (type !== 'dir') out.mtime = Math.floor(st.mtimeMs / 1000);
    if (type === 'symlink') out.target = readlinkSync(on);
    if (type === 'file') {
      out.sha256 = sha256(on);
      if (st.nlink > 1) out.linkSet = `ino:${st.ino}`;
    }
    return out;
  });
}

/** The original rpm's entries: rpm -qp --qf for metadata (ghosts left out), rpm2cpio for contents. */
export function expectedFromRpm(rpm: string, scratch: string): ExpectedEntry[] {
  const ref = join(scratch, 'ref');
  mkdirSync(ref, { recursive: true });
  runOk('sh', ['-c', `cd '${ref}' && rpm2cpio '${rpm}' | cpio -idm --quiet --no-absolute-filenames`]);
  const rows = rpmListing(rpm).filter((r) => !r.flags.includes('g'));
  const sets = new Map<string, number>();
  for (const r of rows) if (r.type === 'file') sets.set(r.inode, (sets.get(r.inode) ?? 0) + 1);
  return rows.map((r) => {
    const out: ExpectedEntry = { path: r.path, type: r.type === 'hardlink' ? 'file' : r.type, mode: r.mode, user: r.user, group: r.group };
    if (r.type !== 'dir') out.mtime = r.mtime;
    if (r.type === 'symlink') out.target = r.target;
    if (r.type === 'file') {
      out.sha256 = sha256(join(ref, r.path));
      if ((sets.get(r.inode) ?? 0) > 1) out.linkSet = r.inode;
    }
    return out;
  });
}

function idNames(file: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}

/**
 * Checks that `root` holds every expected entry. Owners are checked by name where the host knows
 * the name (both dpkg and rpm resolve names through it); otherwise `declared` (the converted
 * package's own listing) must carry the name.
 */
export function assertInstalled(root: string, expected: readonly ExpectedEntry[], declared: Map<string, string>, label: string): string[] {
  const undeclaredDirs: string[] = [];
  const users = idNames('/etc/passwd');
  const groups = idNames('/etc/group');
  const known = (name: string, table: Map<number, string>) => [...table.values()].includes(name);
  const inodes = new Map<string, number>();
  for (const e of expected) {
    const on = join(root, e.path);
    // The rpm output leaves base-system directories (/usr, /usr/local/bin …) to the filesystem
    // package; such a directory is only checked when the converted package declares it.
    if (e.type === 'dir' && !declared.has(e.path)) {
      undeclaredDirs.push(e.path);
      continue;
    }
    let st;
    try {
      st = lstatSync(on);
    } catch {
      assert.fail(`${label}: ${e.path} was not installed`);
    }
    const type = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
    assert.equal(type, e.type, `${label}: ${e.path} type`);
    if (e.type !== 'symlink') assert.equal((st.mode & 0o7777).toString(8), e.mode.toString(8), `${label}: ${e.path} mode`);
    const owner = `${known(e.user, users) ? users.get(st.uid) : e.user}:${known(e.group, groups) ? groups.get(st.gid) : e.group}`;
    assert.equal(owner, `${e.user}:${e.group}`, `${label}: ${e.path} owner`);
    if (!known(e.user, users) || !known(e.group, groups)) assert.equal(declared.get(e.path), `${e.user}:${e.group}`, `${label}: ${e.path} declared owner`);
    if (e.mtime !== undefined && e.type === 'file') assert.equal(Math.floor(st.mtimeMs / 1000), e.mtime, `${label}: ${e.path} mtime`);
    if (e.target !== undefined) assert.equal(readlinkSync(on), e.target, `${label}: ${e.path} target`);
    if (e.sha256 !== undefined) assert.equal(sha256(on), e.sha256, `${label}: ${e.path} content`);
    if (e.linkSet) {
      const seen = inodes.get(e.linkSet);
      if (seen === undefined) inodes.set(e.linkSet, st.ino);
      else assert.equal(st.ino, seen, `${label}: ${e.path} is hardlinked with its set`);
    }
  }
  return undeclaredDirs;
}

/** Installs an rpm into a fresh throw-away root with --nodeps --noscripts; returns the root. */
export function rpmInstall(rpm: string, root: string): void {
  mkdirSync(join(root, 'etc'), { recursive: true });
  copyFileSync('/etc/passwd', join(root, 'etc/passwd'));
  copyFileSync('/etc/group', join(root, 'etc/group'));
  runOk('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', '--initdb']);
  runOk('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', '-i', '--nodeps', '--noscripts', '--ignorearch', '--ignoreos', rpm]);
}

/**
 * Installs a deb into a throw-away dpkg root. dpkg runs maintainer scripts on the host in this
 * harness, so the scripts are first taken out of control.tar: debian-binary, the control file and
 * data.tar stay exactly as pkgshift wrote them.
 */
export function dpkgInstall(deb: string, root: string, scratch: string): void {
  const members = readArMembers(deb);
  const control = members.find((m) => m.name.startsWith('control.tar'))!;
  const data = members.find((m) => m.name.startsWith('data.tar'))!;
  const dir = join(scratch, 'control');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(scratch, control.name), control.data);
  runOk('tar', ['-xf', join(scratch, control.name), '-C', dir]);
  runOk('sh', ['-c', `cd '${dir}' && rm -f preinst postinst prerm postrm config && tar --format=gnu --owner=0 --group=0 -czf ../control.tar.gz .`]);
  const stripped = join(scratch, 'noscripts.deb');
  writeAr(stripped, [{ name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: 'control.tar.gz', data: readFileSync(join(scratch, 'control.tar.gz')) }, { name: data.name, data: data.data }]);
  for (const sub of ['var/lib/dpkg/info', 'var/lib/dpkg/updates']) mkdirSync(join(root, sub), { recursive: true });
  for (const f of ['status', 'available']) writeFileSync(join(root, 'var/lib/dpkg', f), '');
  runOk('dpkg', ['--root', root, '--force-not-root', '--force-script-chrootless', '--force-depends', '--force-architecture',
    '--force-confdef', '--no-triggers', '-i', stripped]);
}

/** path → "user:group" as the converted package itself declares it. */
export function declaredOwners(pkg: string): Map<string, string> {
  if (pkg.endsWith('.deb')) return new Map(dpkgListing(pkg).map((e) => [e.path, `${e.user}:${e.group}`]));
  return new Map(rpmListing(pkg).map((r) => [r.path, `${r.user}:${r.group}`]));
}
