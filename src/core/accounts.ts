// Looks up user and group ids by name in the build host's /etc/passwd and /etc/group, for
// --owner/--group. The name is what packages carry; the id is only a fallback for tar readers.
import { readFileSync } from 'node:fs';
import type { Diagnostics } from './diagnostics.js';

function lookup(file: string, name: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return undefined;
}

/** Who owns every file of an input that carries no owners (dir, tar): root unless --owner/--group say otherwise. */
export interface Owner {
  uid: number;
  gid: number;
  user: string;
  group: string;
}

export function ownerFor(user = 'root', group = 'root', diag: Diagnostics): Owner {
  const uid = userId(user);
  const gid = groupId(group);
  if (uid === undefined) diag.warn('owner-unknown', `user '${user}' is not on this machine: its id is written as 0, its name as given`);
  if (gid === undefined) diag.warn('owner-unknown', `group '${group}' is not on this machine: its id is written as 0, its name as given`);
  return { uid: uid ?? 0, gid: gid ?? 0, user, group };
}

export function userId(name: string): number | undefined {
  return name === 'root' ? 0 : lookup('/etc/passwd', name);
}

export function groupId(name: string): number | undefined {
  return name === 'root' ? 0 : lookup('/etc/group', name);
}

/** Accounts every Debian system has (base-passwd) and every Fedora/RHEL system has (setup). */
const STANDARD: Record<'deb' | 'rpm', { users: string[]; groups: string[] }> = {
  deb: {
    users: ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', 'nobody'],
    groups: ['root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'news', 'uucp', 'man', 'proxy', 'kmem', 'dialout', 'fax', 'voice',
      'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'www-data', 'backup', 'operator', 'list', 'irc', 'src', 'shadow', 'utmp', 'video',
      'sasl', 'plugdev', 'staff', 'games', 'users', 'nogroup'],
  },
  rpm: {
    users: ['root', 'bin', 'daemon', 'adm', 'lp', 'sync', 'shutdown', 'halt', 'mail', 'operator', 'games', 'ftp', 'nobody'],
    groups: ['root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'mem', 'kmem', 'wheel', 'cdrom', 'mail', 'man', 'dialout', 'floppy',
      'games', 'tape', 'video', 'ftp', 'lock', 'audio', 'users', 'nobody', 'utmp', 'input', 'kvm', 'render'],
  },
};

/** Warns about owners a fresh system of `format` does not have: dpkg and rpm fall back to root for them. */
export function warnNonStandardOwners(files: readonly { user: string; group: string }[], format: 'deb' | 'rpm', diag: Diagnostics): void {
  const odd = nonStandardAccounts(files, format);
  if (odd.length) {
    diag.warn('owner-nonstandard', `${odd.join(', ')}: not on a fresh ${format === 'deb' ? 'Debian' : 'Fedora/RHEL'} system; create them in a pre-install script, or the files end up owned by root`);
  }
}

/** Owner and group names in `files` that a fresh `format` system does not have. */
export function nonStandardAccounts(files: readonly { user: string; group: string }[], format: 'deb' | 'rpm'): string[] {
  const { users, groups } = STANDARD[format];
  const odd = new Set<string>();
  for (const f of files) {
    if (!users.includes(f.user)) odd.add(`user ${f.user}`);
    if (!groups.includes(f.group)) odd.add(`group ${f.group}`);
  }
  return [...odd].sort();
}
