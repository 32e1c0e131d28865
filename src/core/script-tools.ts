// The commands a maintainer script runs, and the Debian packages that provide them. dpkg runs every
// maintainer script with the Essential set installed and configured (Debian policy §3.8), so Debian
// scripts call coreutils, sed, update-alternatives … without declaring them. rpm gives no such
// guarantee inside a transaction: a converted scriptlet states what it needs, as Fedora packagers
// write `Requires(post): coreutils`. Names and contents are Debian bookworm's.

interface ToolPackage {
  /** Essential: yes in Debian: scripts may use it without a dependency. */
  essential: boolean;
  commands: string;
}

/** Commands in /bin, /sbin, /usr/bin, /usr/sbin by package; shell builtins ([, echo, test …) left out. */
const TOOL_PACKAGES: Record<string, ToolPackage> = {
  'base-passwd': { essential: true, commands: 'update-passwd' },
  bash: { essential: true, commands: 'bash rbash' },
  bsdutils: { essential: true, commands: 'logger renice script wall' },
  coreutils: {
    essential: true,
    commands: 'arch b2sum base32 base64 basename basenc cat chcon chgrp chmod chown chroot cksum comm cp csplit cut date dd df '
      + 'dir dircolors dirname du env expand expr factor fmt fold groups head hostid id install join link ln logname ls '
      + 'md5sum mkdir mkfifo mknod mktemp mv nice nl nohup nproc numfmt od paste pathchk pinky pr printenv ptx readlink '
      + 'realpath rm rmdir runcon seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf sleep sort split stat stdbuf '
      + 'stty sum sync tac tail tee timeout touch tr truncate tsort tty uname unexpand uniq unlink users vdir wc who whoami yes',
  },
  dash: { essential: true, commands: 'dash' },
  debianutils: { essential: true, commands: 'add-shell installkernel ischroot remove-shell run-parts savelog tempfile update-shells which' },
  diffutils: { essential: true, commands: 'cmp diff diff3 sdiff' },
  dpkg: {
    essential: true,
    commands: 'dpkg dpkg-deb dpkg-divert dpkg-maintscript-helper dpkg-query dpkg-realpath dpkg-split dpkg-statoverride '
      + 'dpkg-trigger start-stop-daemon update-alternatives',
  },
  findutils: { essential: true, commands: 'find xargs' },
  grep: { essential: true, commands: 'egrep fgrep grep rgrep' },
  gzip: { essential: true, commands: 'gunzip gzexe gzip uncompress zcat zcmp zdiff zegrep zfgrep zforce zgrep zless zmore znew' },
  hostname: { essential: true, commands: 'dnsdomainname domainname hostname nisdomainname ypdomainname' },
  'init-system-helpers': { essential: true, commands: 'deb-systemd-helper deb-systemd-invoke invoke-rc.d service update-rc.d' },
  'libc-bin': { essential: true, commands: 'getconf getent iconv iconvconfig ldconfig ldd locale localedef pldd tzselect zdump zic' },
  login: { essential: true, commands: 'faillog lastlog login newgrp nologin sg' },
  'ncurses-bin': { essential: true, commands: 'captoinfo clear infocmp infotocap reset tabs tic toe tput tset' },
  'perl-base': { essential: true, commands: 'perl' },
  sed: { essential: true, commands: 'sed' },
  'sysvinit-utils': { essential: true, commands: 'fstab-decode killall5 pidof' },
  tar: { essential: true, commands: 'tar' },
  'util-linux': {
    essential: true,
    commands: 'agetty blkdiscard blkid blockdev chrt dmesg fallocate findfs findmnt flock fsck getopt hardlink ionice ipcrm ipcs '
      + 'last lsblk lscpu mcookie mesg mkswap more mountpoint namei nsenter runuser setarch setpriv setsid setterm su sulogin '
      + 'switch_root taskset unshare whereis wipefs',
  },
  // Not Essential: a script may use these only when its package depends on them.
  adduser: { essential: false, commands: 'addgroup adduser delgroup deluser' },
  debconf: { essential: false, commands: 'debconf debconf-communicate debconf-set-selections debconf-show dpkg-reconfigure' },
  mawk: { essential: false, commands: 'awk mawk' },
  mount: { essential: false, commands: 'losetup mount swapoff swapon umount' },
  passwd: {
    essential: false,
    commands: 'chage chfn chgpasswd chpasswd chsh gpasswd groupadd groupdel groupmod grpck grpconv newusers passwd pwck pwconv '
      + 'shadowconfig useradd userdel usermod',
  },
  'libpam-runtime': { essential: false, commands: 'pam-auth-update' },
  ucf: { essential: false, commands: 'ucf ucfr ucfq' },
  systemd: { essential: false, commands: 'systemctl systemd-tmpfiles systemd-sysusers' },
};

/** Whether every Debian system has the package (Essential: yes), so that nothing needs to depend on it without a version. */
export function isEssential(name: string): boolean {
  return TOOL_PACKAGES[name]?.essential === true;
}

const PROVIDER = new Map<string, string>(
  Object.entries(TOOL_PACKAGES).flatMap(([pkg, { commands }]) => commands.split(' ').map((c) => [c, pkg] as [string, string])),
);

/** Sourcing debconf's shell library is a use of the debconf frontend. */
const CONFMODULE = /(?:^|[\s;])\.\s+\/usr\/share\/debconf\/confmodule\b/m;

/**
 * A word in command position: after a line start, `;`, `&&`, `||`, `|`, `(`, `)` (a `case` branch), `$(`,
 * `` ` ``, `!`, `{` or a keyword, optionally as /bin/X, /usr/sbin/X …. The opener is looked behind, so a
 * keyword is never taken as the word before it. A word directly followed by `)` or `|` is a `case`
 * pattern (`install|upgrade)`), unless it opened with `$(` or `` ` ``.
 */
const COMMAND_WORD = /(?<=(^|\$\(|`|[;&|()!{]|\b(?:then|do|else|elif|if|while|until|exec|xargs|time))[ \t]*)(?:(?:\/usr)?\/s?bin\/)?([A-Za-z0-9_][A-Za-z0-9_.+-]*)(?=([\s;&|)`]|$))/gm;

export interface CommandUse {
  command: string;
  /** The script checks the command exists first (`command -v X`, `which X`, `[ -x /usr/bin/X ]`). */
  guarded: boolean;
}

/** The script text without comments, so that a command named in a comment is not a use. */
export function withoutComments(body: string): string {
  return body.replace(/(^|[ \t;])#.*$/gm, '$1');
}

/** The table's commands a shell script runs, each once, in order of first use. */
export function commandsRun(body: string): CommandUse[] {
  const code = withoutComments(body);
  const found = new Map<string, CommandUse>();
  for (const match of code.matchAll(COMMAND_WORD)) {
    const [, opener, command = '', next] = match;
    if ((next === ')' || next === '|') && opener !== '$(' && opener !== '`') continue;
    if (!PROVIDER.has(command) || found.has(command)) continue;
    found.set(command, { command, guarded: isGuarded(code, command) });
  }
  // debconf's frontend, which a script sourcing confmodule runs, is a perl program.
  if (CONFMODULE.test(code)) {
    for (const command of ['debconf', 'perl']) if (!found.has(command)) found.set(command, { command, guarded: false });
  }
  return [...found.values()];
}

function isGuarded(code: string, command: string): boolean {
  const name = command.replace(/[.+]/g, '\\$&');
  return new RegExp(`(?:command\\s+-v|which|type|hash)\\s+["']?${name}\\b|-[xef]\\s+["']?\\S*/${name}\\b`).test(code);
}

/**
 * Files some commands need, made by an Essential package: user and group lookups need /etc/passwd and
 * /etc/group (base-passwd's preinst writes them), temporary files need /tmp (base-files ships it).
 */
const COMMAND_FILES: { commands: ReadonlySet<string>; files: string[]; package: string }[] = [
  {
    commands: new Set(['chown', 'chgrp', 'getent', 'addgroup', 'adduser', 'groupadd', 'useradd', 'usermod', 'dpkg-statoverride']),
    files: ['/etc/passwd', '/etc/group'], package: 'base-passwd',
  },
  { commands: new Set(['mktemp', 'tempfile']), files: ['/tmp'], package: 'base-files' },
];

export interface ToolNeed {
  /** A command looked up in PATH, or an absolute path that must exist. */
  command: string;
  package: string;
}

/**
 * What a script needs before it runs: the commands it runs unguarded whose providers Debian guarantees
 * (Essential) or the package itself depends on (`declared`), each with its provider. The package's
 * own commands are not needs.
 */
export function toolNeeds(body: string, self: string, declared: ReadonlySet<string>): ToolNeed[] {
  const needs: ToolNeed[] = [];
  const used = commandsRun(body).filter((u) => !u.guarded);
  for (const { command } of used) {
    const pkg = PROVIDER.get(command);
    if (!pkg || pkg === self) continue;
    if (TOOL_PACKAGES[pkg]!.essential || declared.has(pkg)) needs.push({ command, package: pkg });
  }
  for (const { commands, files, package: pkg } of COMMAND_FILES) {
    if (pkg !== self && used.some((u) => commands.has(u.command))) needs.push(...files.map((file) => ({ command: file, package: pkg })));
  }
  return needs;
}

/** `update-alternatives [options] --install LINK NAME PATH PRIORITY [--slave LINK NAME PATH]…`, continuation lines joined. */
const ALTERNATIVES_CALL = /(?:^|[\s;&|(`]|\/)update-alternatives\b([^;&|\n`)]*)/gm;

/**
 * The links a script creates with `update-alternatives --install`: the master link and each slave link,
 * as literal absolute paths (a link named through a variable is not known before the script runs).
 */
export function alternativesLinks(body: string): string[] {
  const code = withoutComments(body).replace(/\\\n/g, ' ');
  const links = new Set<string>();
  for (const [, args = ''] of code.matchAll(ALTERNATIVES_CALL)) {
    const words = args.trim().split(/\s+/).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
    words.forEach((word, i) => {
      const link = words[i + 1];
      if ((word === '--install' || word === '--slave') && link?.startsWith('/') && !/[$`*?]/.test(link)) links.add(link);
    });
  }
  return [...links];
}

/** Commands only a Debian system has, with what goes wrong under rpm. */
const DEBIAN_ONLY: Record<string, string> = {
  'dpkg-maintscript-helper': 'it reads the dpkg database for conffiles and symlinks, which is empty under rpm',
  'dpkg-statoverride': 'its overrides live in the dpkg database; rpm keeps owners and modes in its own header',
  'dpkg-divert': 'diversions live in the dpkg database; rpm does not honour them',
  'dpkg-query': 'it asks the dpkg database, which is empty under rpm',
  'dpkg-trigger': 'dpkg triggers do not fire under rpm',
  'dpkg-reconfigure': 'it needs the package in the dpkg database',
  'update-rc.d': 'rpm systems enable services with systemctl or chkconfig',
  'invoke-rc.d': 'rpm systems start services with systemctl',
  'deb-systemd-helper': 'it keeps its state in /var/lib/systemd/deb-systemd-helper-*, which rpm systems lack',
  'deb-systemd-invoke': 'rpm systems start services with systemctl',
  'pam-auth-update': 'rpm systems configure PAM with authselect',
  ucf: 'its registry lives under /var/lib/ucf',
  ucfr: 'its registry lives under /var/lib/ucf',
  debconf: 'the debconf frontend asks its questions only on a terminal (default answers otherwise)',
};

/** dpkg options that query the database by file or package: empty answers under rpm. */
const DATABASE_QUERY = /\bdpkg(?:-query)?\s+(?:[^\n;|&]*\s)?(-S|--search|-L|--listfiles)\b/g;

/** What the shim answers in dpkg's place (core/script-translate.ts), by option. */
const DATABASE_ANSWER: Record<string, string> = {
  '-S': 'a path that exists is answered as owned by "rpm"',
  '--search': 'a path that exists is answered as owned by "rpm"',
  '-L': "pkgshift answers it with the package's files from rpm's database",
  '--listfiles': "pkgshift answers it with the package's files from rpm's database",
};

/** Each Debian-only command the script runs, named with the reason, in order of first use. */
export function debianOnlyCommands(body: string): { command: string; why: string }[] {
  const code = withoutComments(body);
  const out = commandsRun(body).filter((u) => DEBIAN_ONLY[u.command]).map((u) => ({ command: u.command, why: DEBIAN_ONLY[u.command]! }));
  for (const query of code.matchAll(DATABASE_QUERY)) {
    const program = query[0].startsWith('dpkg-query') ? 'dpkg-query' : 'dpkg';
    const command = `${program} ${query[1]}`;
    if (out.some((o) => o.command === command)) continue;
    const plain = out.findIndex((o) => o.command === program);
    if (plain >= 0) out.splice(plain, 1);
    out.push({ command, why: `it asks dpkg's database, which is empty under rpm: ${DATABASE_ANSWER[query[1]!]}` });
  }
  return out;
}

/** Whether a script asks dpkg's database which package owns a path (`dpkg -S`) or what files a package has (`dpkg -L`). */
export function queriesDpkgDatabase(body: string): boolean {
  return withoutComments(body).search(DATABASE_QUERY) >= 0;
}

/** The rpm-side commands a script written for rpm runs that a Debian system lacks. */
const RPM_ONLY = /\b(chkconfig|rpm|rpmdb|rpmkeys)\s|\$\{?RPM_INSTALL_PREFIX/g;

export function rpmOnlyCommands(body: string): string[] {
  return [...new Set([...withoutComments(body).matchAll(RPM_ONLY)].map((m) => m[0].trim()))];
}
