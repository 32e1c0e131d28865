// Real Debian packages beyond the shared corpus, for the lint tests: a fixed list fetched with
// `apt-get download` into a cache directory (PKGSHIFT_REAL_DEBS, default ../shared/real-debs is not
// used: the cache lives outside the repository and is never committed). Tests use what is present and
// skip otherwise. Fill the cache with `node dist/test/support/real-debs.js [DIR]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Why each is on the list: a convention lint must know, or a lintian override it must honour. */
export const REAL_DEBS: Record<string, string> = {
  sudo: 'setuid root with a lintian override; sudoers.d/README 0440; RUNPATH into its private library directory',
  bsdgames: 'setgid root:games programs in /usr/games (Policy 11.11)',
  libc6: 'libc.so.6 and ld.so are executable (PT_INTERP); lintian overrides; ldconfig trigger and shlibs',
  libssl3: 'a public shared library with its trigger and shlibs',
  'libssl-dev': 'libssl.so links whose targets are in the runtime package it depends on (Policy 8.4)',
  'python3-six': 'Python modules without bytecode', 'python3-yaml': 'an executable Python example under /usr/share/doc',
  'python3-requests': 'Python modules', 'openssh-client': 'setuid ssh-keysign with a lintian override',
  dash: 'a maintainer script with #!/bin/dash', bash: 'lintian overrides', coreutils: 'ELF programs with many sonames',
  'ncurses-base': 'arch all data', zlib1g: 'libz.so.1 provided by zlib1g (a name that does not follow the soname)',
  'zlib1g-dev': 'examples in /usr/share/doc', debhelper: 'an executable debian/rules example under /usr/share/doc',
  nano: 'conffiles', less: 'small program', procps: 'lintian overrides; identical pgrep/pidwait',
  'util-linux': 'setuid su with an old-style lintian override', 'man-db': 'RUNPATH into /usr/lib/man-db; setgid man',
  'libpam-modules': 'PAM modules (plugins, not public libraries)',
};

export const REAL_DEBS_DIR = process.env.PKGSHIFT_REAL_DEBS ?? join(tmpdir(), 'pkgshift-real-debs');

/** The cached .deb files (empty when the cache was never filled). */
export function realDebs(): string[] {
  if (!existsSync(REAL_DEBS_DIR)) return [];
  return readdirSync(REAL_DEBS_DIR).filter((f) => f.endsWith('.deb')).sort().map((f) => join(REAL_DEBS_DIR, f));
}

/** Downloads the list (needs apt and Debian's archive); returns how many .debs the cache holds. */
export function fetchRealDebs(dir = REAL_DEBS_DIR): number {
  mkdirSync(dir, { recursive: true });
  spawnSync('apt-get', ['download', ...Object.keys(REAL_DEBS)], { cwd: dir, stdio: 'inherit' });
  return readdirSync(dir).filter((f) => f.endsWith('.deb')).length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${fetchRealDebs(process.argv[2])} packages in ${process.argv[2] ?? REAL_DEBS_DIR}\n`);
}
