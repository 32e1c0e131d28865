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

/** The user and group names a fresh system of a distribution family has (each output plugin names its own). */
export interface StandardAccounts {
  /** `Debian`, `Fedora/RHEL`. */
  system: string;
  users: readonly string[];
  groups: readonly string[];
}

/** Warns about owners a fresh `accounts.system` does not have: dpkg and rpm fall back to root for them. */
export function warnNonStandardOwners(files: readonly { user: string; group: string }[], accounts: StandardAccounts, diag: Diagnostics): void {
  const odd = nonStandardAccounts(files, accounts);
  if (odd.length) {
    diag.warn('owner-nonstandard', `${odd.join(', ')}: not on a fresh ${accounts.system} system; create them in a pre-install script, or the files end up owned by root`);
  }
}

/** Owner and group names in `files` that a fresh system does not have. */
export function nonStandardAccounts(files: readonly { user: string; group: string }[], { users, groups }: StandardAccounts): string[] {
  const odd = new Set<string>();
  for (const f of files) {
    if (!users.includes(f.user)) odd.add(`user ${f.user}`);
    if (!groups.includes(f.group)) odd.add(`group ${f.group}`);
  }
  return [...odd].sort();
}
