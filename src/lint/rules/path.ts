// Filesystem layout rules (docs/LINT.md §3.3).
import { isSpecial } from '../../core/model.js';
import { ALL, DEB_RPM, finding, type Finding, type Rule } from '../types.js';
import { createsHierarchy, TRIPLETS, tripletOf, under, underAny } from './paths.js';

const usrLocal: Rule = {
  id: 'path-usr-local', severity: 'error', formats: ALL,
  summary: 'an entry under /usr/local, which belongs to the local administrator (warning for tar)',
  hint: 'install under /usr (or /opt/<name>) instead: --prefix /usr, or SRC=/usr/bin/x mappings',
  lintian: ['file-in-usr-local', 'dir-in-usr-local'], rpmlint: ['dir-or-file-in-usr-local'],
  why: 'FHS 4.9 and Debian Policy 9.1.2: /usr/local belongs to the local administrator; packages must not install there.',
  check(model, format) {
    if (createsHierarchy(model)) return [];
    return model.files.filter((e) => under(e.path, '/usr/local'))
      .map((e) => finding(this, '/usr/local is for the local administrator, not packages', e.path, format === 'tar' ? 'warning' : 'error'));
  },
};

const home: Rule = {
  id: 'path-home', severity: 'error', formats: ALL,
  summary: 'an entry under /home or /root',
  hint: 'packages must not write into home directories; ship defaults in /etc/skel or /usr/share',
  lintian: ['dir-or-file-in-home'], rpmlint: ['dir-or-file-in-home'],
  why: 'Home directories belong to users (FHS 3.8); a package that writes there overwrites user data or creates dirs for users that do not exist.',
  check(model) {
    if (createsHierarchy(model)) return [];
    return model.files.filter((e) => underAny(e.path, ['/home', '/root']))
      .map((e) => finding(this, 'home directories belong to users', e.path));
  },
};

const tmp: Rule = {
  id: 'path-tmp', severity: 'error', formats: ALL,
  summary: 'an entry under /tmp, /var/tmp or /usr/tmp',
  hint: 'temporary directories are cleaned at boot; create what you need at run time (tmpfiles.d)',
  lintian: ['dir-or-file-in-tmp', 'dir-or-file-in-var-tmp'], rpmlint: ['dir-or-file-in-tmp', 'dir-or-file-in-var-tmp', 'dir-or-file-in-usr-tmp'],
  why: 'FHS 3.18 and 5.15: temporary directories are cleaned at boot or by age, so shipped files vanish.',
  check(model) {
    if (createsHierarchy(model)) return [];
    return model.files.filter((e) => underAny(e.path, ['/tmp', '/var/tmp', '/usr/tmp']))
      .map((e) => finding(this, 'temporary directories must not be shipped in', e.path));
  },
};

const RUNTIME = ['/run', '/var/run', '/var/lock', '/proc', '/sys', '/dev', '/mnt', '/media'];

const runtimeDir: Rule = {
  id: 'path-runtime-dir', severity: 'warning', formats: DEB_RPM,
  summary: 'an entry under /run, /var/run, /var/lock, /proc, /sys, /dev, /mnt or /media (a static /dev that holds device nodes, as base packages ship, is fine)',
  hint: 'these are created at boot or by the administrator: use tmpfiles.d or create them at run time',
  lintian: ['dir-or-file-in-var-run', 'dir-or-file-in-run', 'dir-or-file-in-var-lock', 'dir-or-file-in-mnt'],
  rpmlint: ['non-ghost-in-run', 'dir-or-file-in-var-run', 'dir-or-file-in-var-lock'],
  why: 'Debian Policy 9.1.4: /run (and /var/run, /var/lock) are emptied at boot, so packages must not ship files there. An rpm that lists its own run-time directory (%dir /run/NAME) only declares ownership of it, as Fedora\'s tmpfiles.d guideline describes: only info.',
  check(model, format) {
    if (createsHierarchy(model)) return [];
    const runDir = (path: string) => underAny(path, ['/run', '/var/run', '/var/lock']);
    // A package that ships device nodes under /dev is a static /dev (base-files, makedev): intended.
    const staticDev = model.files.some((e) => isSpecial(e.type) && e.path.startsWith('/dev/'));
    return model.files.filter((e) => underAny(e.path, RUNTIME) && !e.flags?.has('ghost') && !(staticDev && underAny(e.path, ['/dev'])))
      .map((e) => finding(this, 'this directory is a run-time or mount location', e.path,
        format === 'rpm' && e.type === 'dir' && runDir(e.path) ? 'info' : 'warning'));
  },
};

const TOP = new Set(['bin', 'boot', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'opt', 'sbin', 'srv', 'usr', 'var',
  'home', 'root', 'tmp', 'run', 'proc', 'sys', 'dev', 'mnt', 'media']);
const USR = new Set(['bin', 'games', 'include', 'lib', 'lib32', 'lib64', 'libexec', 'libx32', 'sbin', 'share', 'src', 'local', 'tmp']);
const VAR = new Set(['backups', 'cache', 'crash', 'games', 'lib', 'local', 'lock', 'log', 'mail', 'opt', 'run', 'spool', 'tmp', 'www', 'account', 'yp', 'empty', 'db', 'adm']);

const nonstandardDir: Rule = {
  id: 'path-nonstandard-dir', severity: 'warning', formats: DEB_RPM,
  summary: 'a top-level, /usr/X or /var/X directory outside the FHS (info for /opt and /srv)',
  hint: 'install into FHS locations (/usr/bin, /usr/lib, /usr/share, /etc, /var/lib …); /opt/<name> is acceptable for self-contained software',
  lintian: ['non-standard-toplevel-dir', 'file-in-unusual-dir'],
  why: 'Debian Policy 9.1 follows the FHS; files outside its hierarchy are found by nothing and surprise administrators.',
  check(model) {
    if (createsHierarchy(model)) return [];
    const out: Finding[] = [];
    for (const e of model.files) {
      const parts = e.path.split('/').slice(1);
      if (parts.length === 1 && !TOP.has(parts[0]!)) out.push(finding(this, `/${parts[0]} is not an FHS top-level directory`, e.path));
      else if (parts.length === 1 && (parts[0] === 'opt' || parts[0] === 'srv')) out.push(finding(this, `/${parts[0]} is for add-on software or site data`, e.path, 'info'));
      else if (parts.length === 2 && parts[0] === 'usr' && !USR.has(parts[1]!)) out.push(finding(this, `/usr/${parts[1]} is not an FHS directory`, e.path));
      else if (parts.length === 2 && parts[0] === 'var' && !VAR.has(parts[1]!)) out.push(finding(this, `/var/${parts[1]} is not an FHS directory`, e.path));
    }
    return out;
  },
};

const subdirInBin: Rule = {
  id: 'path-subdir-in-bin', severity: 'error', formats: ALL,
  summary: 'a directory inside /bin, /sbin, /usr/bin or /usr/sbin',
  hint: 'put helper programs in /usr/lib/<name> or /usr/libexec/<name>',
  lintian: ['subdir-in-bin', 'subdir-in-usr-bin'], rpmlint: ['subdir-in-bin'],
  why: 'FHS 4.4: bin directories hold commands only; helpers go in /usr/lib/PACKAGE or /usr/libexec.',
  check(model) {
    return model.files
      .filter((e) => e.type === 'dir' && ['/bin', '/sbin', '/usr/bin', '/usr/sbin'].includes(e.path.slice(0, e.path.lastIndexOf('/'))))
      .map((e) => finding(this, 'bin directories must hold programs only', e.path));
  },
};

const libdirMismatch: Rule = {
  id: 'path-libdir-mismatch', severity: 'warning', formats: DEB_RPM,
  summary: 'lib64 in an arch-independent package or a deb, a multiarch triplet dir in an rpm, or a triplet that does not match the architecture',
  hint: 'Debian: /usr/lib/<triplet>; rpm: /usr/lib64 on 64-bit; architecture-independent files belong in /usr/share or /usr/lib',
  why: 'Debian installs libraries in /usr/lib/<triplet> (multiarch), rpm-based systems in /usr/lib64 on 64-bit; the other layout is not searched by the target\'s ld.so.',
  check(model, format) {
    const arch = model.metadata.arch;
    const out: Finding[] = [];
    const reported = new Set<string>();
    const once = (key: string, message: string, path: string) => {
      if (reported.has(key)) return;
      reported.add(key);
      out.push(finding(this, message, path));
    };
    for (const e of model.files) {
      if (e.type === 'dir') continue;
      if (arch === 'all' && underAny(e.path, ['/usr/lib64', '/lib64'])) once('noarch64', 'an architecture-independent package ships files in lib64', e.path);
      else if (format === 'deb' && under(e.path, '/usr/lib64')) once('deb64', 'Debian does not use /usr/lib64; use /usr/lib/<triplet>', e.path);
      const triplet = tripletOf(e.path);
      if (!triplet) continue;
      if (format === 'rpm') once(`rpm ${triplet}`, `rpm-based systems do not use multiarch directories (${triplet})`, e.path);
      else if (arch !== 'all' && TRIPLETS[arch] !== undefined && TRIPLETS[arch] !== triplet) {
        once(`mismatch ${triplet}`, `multiarch directory ${triplet} does not match architecture ${arch} (${TRIPLETS[arch]})`, e.path);
      }
    }
    return out;
  },
};

const unsafeMember: Rule = {
  id: 'path-unsafe-member', severity: 'error', formats: ALL, metadataOnly: true,
  summary: 'the archive has a member that must not be extracted: absolute, "..", duplicate or socket',
  hint: 'rebuild the archive from a clean tree with relative member names and only files, directories and links',
  lintian: ['package-contains-unsafe-symlink'],
  why: 'An archive member that is absolute or climbs out with .. can write outside the target directory when extracted (the tar-slip class of bugs).',
  check(_model, _format, ctx) {
    return ctx.unsafe.map((message) => finding(this, message));
  },
};

export const pathRules: Rule[] = [usrLocal, home, tmp, runtimeDir, nonstandardDir, subdirInBin, libdirMismatch, unsafeMember];
