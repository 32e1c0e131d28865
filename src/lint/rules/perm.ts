// Ownership and permission rules (docs/LINT.md §3.2); per-format expectations from §5.2 and §5.4.
import type { FileEntry, PackageModel } from '../../core/model.js';
import { ALL, finding, type Finding, type LintFormat, type Rule, type Severity } from '../types.js';
import { BIN_DIRS, directlyIn, examples, grouped, isSharedLibrary, underAny } from './paths.js';

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
  check(model, format) {
    const groups = grouped(model.files, (e) => {
      const severity = ownerSeverity(e, format, model);
      return severity && `${severity} ${e.user}(${e.uid}):${e.group}(${e.gid})`;
    });
    return [...groups].map(([key, entries]) => {
      const [severity, owner] = key.split(' ') as [Severity, string];
      const kind = severity === 'info' ? 'a system account or one the package creates' : 'not root and not a system account';
      return finding(this, `owned by ${owner}, ${kind}: ${examples(entries)}`, entries[0]!.path, severity);
    });
  },
};

const worldWritable: Rule = {
  id: 'perm-world-writable', severity: 'error', formats: ALL,
  summary: 'a file, or a directory without the sticky bit, is writable by everyone',
  hint: 'remove o+w (chmod o-w), or add the sticky bit (1777) to a shared directory',
  check(model) {
    return model.files
      .filter((e) => (e.type === 'file' || e.type === 'dir') && (e.mode & 0o002) && !(e.type === 'dir' && e.mode & 0o1000))
      .map((e) => finding(this, `mode ${octal(e.mode)} is world-writable`, e.path));
  },
};

const setuidSetgid: Rule = {
  id: 'perm-setuid-setgid', severity: 'warning', formats: ALL,
  summary: 'a regular file is setuid or setgid',
  hint: 'make sure elevated privileges are intended; prefer capabilities or a setgid helper, and override this finding when it is',
  check(model) {
    return model.files
      .filter((e) => e.type === 'file' && e.mode & 0o6000)
      .map((e) => finding(this, `mode ${octal(e.mode)} is ${e.mode & 0o4000 ? 'setuid' : 'setgid'} (${e.user}:${e.group})`, e.path));
  },
};

const nonstandardMode: Rule = {
  id: 'perm-nonstandard-mode', severity: 'info', formats: ALL,
  summary: 'a file is not 0644/0755 or a directory not 0755 (warning when a file is not world-readable)',
  hint: 'use 0644 for data, 0755 for programs and directories',
  check(model) {
    const groups = grouped(model.files, (e) => {
      if (e.type !== 'file' && e.type !== 'dir') return undefined;
      if (e.mode & 0o6002) return undefined; // reported by perm-world-writable / perm-setuid-setgid
      if (e.type === 'dir' && (e.mode === 0o755 || e.mode === 0o1777)) return undefined;
      if (e.type === 'file' && (e.mode === 0o644 || e.mode === 0o755)) return undefined;
      return `${e.type} ${e.mode}`;
    });
    return [...groups].map(([key, entries]) => {
      const [type, mode] = key.split(' ') as [string, string];
      const unreadable = type === 'file' && !(Number(mode) & 0o004);
      return finding(this, `${type === 'dir' ? 'directory' : 'file'} mode ${octal(Number(mode))}${unreadable ? ', not world-readable' : ''}: ${examples(entries)}`,
        entries[0]!.path, unreadable ? 'warning' : 'info');
    });
  },
};

const NO_EXEC_DIRS = ['/usr/share/doc', '/usr/share/man', '/etc/profile.d'];

const execBitMismatch: Rule = {
  id: 'perm-exec-bit-mismatch', severity: 'warning', formats: ALL,
  summary: 'a program in a bin dir lacks +x, a doc/man/profile.d file has +x, or a shared library\'s exec bit is wrong for the format (deb 0644, rpm 0755)',
  hint: 'chmod +x programs, chmod -x documentation; shared libraries are 0644 in a deb and 0755 in an rpm (pkgshift\'s outputs set this)',
  check(model, format) {
    const out: Finding[] = [];
    for (const e of model.files) {
      if (e.type !== 'file') continue;
      const exec = (e.mode & 0o111) !== 0;
      if (!exec && directlyIn(e.path, BIN_DIRS)) out.push(finding(this, `mode ${octal(e.mode)}: a file in a bin directory is not executable`, e.path));
      else if (exec && underAny(e.path, NO_EXEC_DIRS)) out.push(finding(this, `mode ${octal(e.mode)}: documentation or a sourced profile script is executable`, e.path));
      else if (isSharedLibrary(e.path) && format === 'deb' && exec) out.push(finding(this, `mode ${octal(e.mode)}: Debian shared libraries are 0644 (lintian shared-library-is-executable)`, e.path));
      else if (isSharedLibrary(e.path) && format === 'rpm' && !exec) out.push(finding(this, `mode ${octal(e.mode)}: rpm needs shared libraries executable to strip them and find their dependencies`, e.path));
    }
    return out;
  },
};

export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

export const permRules: Rule[] = [ownerNonRoot, worldWritable, setuidSetgid, nonstandardMode, execBitMismatch];
