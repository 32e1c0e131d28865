// Ownership and permission rules (docs/LINT.md §3.2); per-format expectations from §5.2 and §5.4.
import type { FileEntry, PackageModel } from '../../core/model.js';
import { ALL, buildFinding, finding, type Finding, type LintFormat, type Rule, type Severity } from '../types.js';
import { BIN_DIRS, directlyIn, isSharedLibrary, underAny } from './paths.js';

/** Ids lintian tolerates (§5.4): the static system range, Debian's 64000–64999 pool, nobody/nogroup. */
function systemId(id: number): boolean {
  return id < 100 || (id >= 64000 && id <= 64999) || id === 65534;
}

/** Names rpm-based systems allocate statically (setup's uidgid, rpmlint's StandardUsers/Groups). */
const SYSTEM_NAMES = new Set([
  'root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'cdrom', 'sync', 'shutdown',
  'halt', 'mail', 'news', 'uucp', 'man', 'operator', 'games', 'gopher', 'ftp', 'nobody', 'nogroup', 'users', 'dialout',
  'floppy', 'tape', 'video', 'audio', 'utmp', 'utempter', 'lock', 'input', 'kvm', 'render', 'systemd-journal', 'staff',
  'shadow', 'mlocate', 'tss', 'ssh_keys', 'screen', 'dip', 'www-data', 'backup', 'list', 'irc', 'src', 'gnats', 'sasl',
  'plugdev', 'netdev', 'crontab', 'messagebus',
]);

function ownerSeverity(e: FileEntry, format: LintFormat, model: PackageModel): Severity | undefined {
  if (format === 'rpm') {
    const names = [e.user, e.group].filter((n) => n !== 'root');
    if (names.length === 0) return undefined;
    if (names.every((n) => SYSTEM_NAMES.has(n))) return 'info';
    // A package-specific account the package creates itself in %pre (useradd/groupadd) is intended.
    const pre = model.scripts.filter((s) => s.phase === 'preInstall').map((s) => s.body).join('\n');
    return names.every((n) => SYSTEM_NAMES.has(n) || pre.includes(n)) ? 'info' : 'error';
  }
  if (e.uid === 0 && e.gid === 0) return undefined;
  return systemId(e.uid) && systemId(e.gid) ? 'info' : 'error';
}

const ownerNonRoot: Rule = {
  id: 'perm-owner-non-root', severity: 'error', formats: ALL,
  summary: 'an entry is not owned by root:root (info for system accounts, error for anything else, such as the builder\'s uid)',
  hint: 'build with root-owned entries: drop --owner/--group, or (dpkg-deb) use --root-owner-group; create service accounts in a maintainer script',
  lintian: ['wrong-file-owner-uid-or-gid'], rpmlint: ['non-standard-uid', 'non-standard-gid'],
  why: 'Debian Policy 10.9: files are owned by root:root unless a system account needs them; a uid from the build machine (1000) means the archive was made without --root-owner-group or `tar --owner=0`, and on the target system that uid is some unrelated user.',
  check(model, format) {
    const out: Finding[] = [];
    for (const e of model.files) {
      const severity = ownerSeverity(e, format, model);
      if (!severity) continue;
      const kind = severity === 'info' ? 'a system account or one the package creates' : 'not root and not a system account';
      out.push(finding(this, `owned by ${e.user}(${e.uid}):${e.group}(${e.gid}), ${kind}`, e.path, severity));
    }
    return out;
  },
};

const worldWritable: Rule = {
  id: 'perm-world-writable', severity: 'error', formats: ALL,
  summary: 'a file, or a directory without the sticky bit, is writable by everyone',
  hint: 'remove o+w (chmod o-w), or add the sticky bit (1777) to a shared directory',
  lintian: ['non-standard-file-perm', 'non-standard-dir-perm'], rpmlint: ['world-writable'],
  why: 'Anyone can change a world-writable file or plant files in a world-writable directory without the sticky bit (Debian Policy 10.9).',
  check(model) {
    return model.files
      .filter((e) => (e.type === 'file' || e.type === 'dir') && (e.mode & 0o002) && !(e.type === 'dir' && e.mode & 0o1000))
      .map((e) => finding(this, `mode ${octal(e.mode)} is world-writable`, e.path));
  },
};

/**
 * Debian Policy 11.11 (Games): games that keep shared high-score files are setgid `games` and live in
 * /usr/games (or /usr/lib/games); that is the sanctioned way, not an elevated privilege to review.
 */
function setgidGame(e: FileEntry): boolean {
  return (e.mode & 0o6000) === 0o2000 && e.user === 'root' && e.group === 'games' && /^\/usr\/(?:lib\/)?games\/./.test(e.path);
}

const setuidSetgid: Rule = {
  id: 'perm-setuid-setgid', severity: 'warning', formats: ALL,
  summary: 'a regular file is setuid or setgid (setgid root:games games in /usr/games are fine)',
  hint: 'make sure elevated privileges are intended; prefer capabilities or a setgid helper, and override this finding when it is',
  lintian: ['elevated-privileges', 'setuid-binary', 'setgid-binary'], rpmlint: ['setuid-binary', 'setgid-binary'],
  why: 'A setuid or setgid program runs with another account\'s rights: every one needs a reason (Debian Policy 10.9). Setgid games in /usr/games are sanctioned by Policy 11.11 and not reported; packages that mean it ship a lintian override, which pkgshift honours.',
  check(model) {
    return model.files
      .filter((e) => e.type === 'file' && e.mode & 0o6000 && !setgidGame(e))
      .map((e) => finding(this, `mode ${octal(e.mode)} is ${e.mode & 0o4000 ? 'setuid' : 'setgid'} ${e.user}:${e.group}`, e.path));
  },
};

/** sudoers(5): sudo refuses a sudoers file that is writable or world-readable; 0440 is the mode it documents. */
function sudoersFile(e: FileEntry): boolean {
  return (e.path === '/etc/sudoers' || e.path.startsWith('/etc/sudoers.d/')) && e.mode === 0o440;
}

/**
 * Configuration readable only by its owner and a group other than root (0640/0660 root:ngircd): how a
 * daemon's passwords are kept from other users (Debian Policy 10.9 lets a file belong to the system
 * group that needs it). Deliberate, so only info.
 */
function privateConfig(e: FileEntry): boolean {
  return e.type === 'file' && (e.flags?.has('config') === true || e.path.startsWith('/etc/')) && e.group !== 'root' && (e.mode & 0o040) !== 0;
}

const nonstandardMode: Rule = {
  id: 'perm-nonstandard-mode', severity: 'info', formats: ALL,
  summary: 'a file is not 0644/0755 or a directory not 0755 (warning when a file is not world-readable, except sudoers files and group-readable configuration)',
  hint: 'use 0644 for data, 0755 for programs and directories',
  lintian: ['non-standard-file-perm', 'non-standard-executable-perm', 'non-standard-dir-perm', 'executable-is-not-world-readable'],
  rpmlint: ['non-standard-executable-perm', 'non-standard-dir-perm', 'non-readable'],
  why: 'Debian Policy 10.9: files are 0644 or 0755, directories 0755. A file nobody else can read is usually a packaging slip; sudoers files (0440, sudoers(5)) and configuration readable by a service group are the known exceptions. A directory without x bits (0644) cannot be entered.',
  check(model) {
    const out: Finding[] = [];
    for (const e of model.files) {
      if (e.type !== 'file' && e.type !== 'dir') continue;
      if (e.mode & 0o6002) continue; // reported by perm-world-writable / perm-setuid-setgid
      if (e.type === 'dir' && (e.mode === 0o755 || e.mode === 0o1777)) continue;
      if (e.type === 'file' && (e.mode === 0o644 || e.mode === 0o755 || sudoersFile(e))) continue;
      if (e.type === 'dir') {
        out.push(finding(this, `directory mode ${octal(e.mode)}${(e.mode & 0o111) === 0 ? ', which cannot be entered' : ''}`, e.path));
        continue;
      }
      const unreadable = !(e.mode & 0o004);
      const severity = unreadable && !privateConfig(e) ? 'warning' : 'info';
      out.push(finding(this, `file mode ${octal(e.mode)}${unreadable ? `, not world-readable (${e.user}:${e.group})` : ''}`, e.path, severity));
    }
    return out;
  },
};

const deviceOutsideDev: Rule = {
  id: 'perm-device-outside-dev', severity: 'warning', formats: ALL,
  summary: 'a character or block device node lies outside /dev (device nodes under /dev and FIFOs anywhere are fine)',
  hint: 'ship device nodes only under /dev (base packages, makedev), or create them at run time (udev, mknod in a script)',
  why: 'A device node gives whoever can open its path raw access to the device it stands for (a disk, memory, a terminal). Base packages legitimately ship static nodes under /dev; one anywhere else is a slip or a way around the permissions of the real /dev.',
  check(model) {
    return model.files
      .filter((e) => (e.type === 'char-device' || e.type === 'block-device') && !e.path.startsWith('/dev/'))
      .map((e) => finding(this, `${e.type === 'char-device' ? 'character' : 'block'} device ${e.device?.major ?? 0}:${e.device?.minor ?? 0} outside /dev`, e.path));
  },
};

const NO_EXEC_DIRS = ['/usr/share/doc', '/usr/share/man', '/etc/profile.d'];

/** Policy 12.6: examples live in /usr/share/doc/PACKAGE/examples, and a runnable example keeps its +x. */
function example(path: string): boolean {
  return /^\/usr\/share\/doc\/[^/]+\/examples\//.test(path);
}

const execBitMismatch: Rule = {
  id: 'perm-exec-bit-mismatch', severity: 'warning', formats: ALL, content: true,
  summary: 'a program in a bin dir lacks +x, a doc/man/profile.d file (not an example) has +x, or a shared library is executable in a deb (unless it is runnable, like libc.so.6)',
  hint: 'chmod +x programs, chmod -x documentation; shared libraries are 0644 in a deb',
  lintian: ['shared-library-is-executable', 'executable-manpage', 'executable-in-usr-share-doc', 'script-in-etc-profile.d-not-executable'],
  rpmlint: ['spurious-executable-perm', 'non-executable-in-bin'],
  why: 'A program without +x cannot be run; documentation with +x invites running it. Debian wants shared libraries 0644 (Policy 8.1) except those that are programs too (they have a PT_INTERP, like libc.so.6 and ld.so). rpmbuild wants them 0755 to strip them and find their dependencies: that is about building, so a converted package is not told.',
  check(model, format, ctx) {
    const out: Finding[] = [];
    for (const e of model.files) {
      if (e.type !== 'file') continue;
      const exec = (e.mode & 0o111) !== 0;
      const runnable = ctx.content.get(e.path)?.elf?.interpreter !== undefined;
      if (!exec && directlyIn(e.path, BIN_DIRS)) out.push(finding(this, `mode ${octal(e.mode)}: a file in a bin directory is not executable`, e.path));
      else if (exec && underAny(e.path, NO_EXEC_DIRS) && !example(e.path)) out.push(finding(this, `mode ${octal(e.mode)}: documentation or a sourced profile script is executable`, e.path));
      else if (isSharedLibrary(e.path) && format === 'deb' && exec && !runnable) out.push(finding(this, `mode ${octal(e.mode)}: Debian shared libraries are 0644`, e.path));
      else if (isSharedLibrary(e.path) && format === 'rpm' && !exec) out.push(buildFinding(this, `mode ${octal(e.mode)}: rpmbuild strips and scans for dependencies only executable shared libraries`, e.path, 'info'));
    }
    return out;
  },
};

export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

export const permRules: Rule[] = [ownerNonRoot, worldWritable, setuidSetgid, nonstandardMode, execBitMismatch, deviceOutsideDev];
