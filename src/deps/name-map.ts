// Package names across distribution families: a built-in Debian ⇄ Fedora/openSUSE table for common
// packages, which `--dep-map FILE` extends or overrides. Each line is `debian<TAB>fedora[<TAB>opensuse]`;
// `-` means the distribution needs no package for it (its base system has it, or it has no
// equivalent), so the relation is left out. deb → rpm writes the name of the distribution
// --target-distro names (Fedora's by default; a line without an openSUSE column means the same name
// there); rpm → deb reads both.
import { readFileSync } from 'node:fs';
import { PkgError, describeError } from '../core/errors.js';

const BUILTIN = `
libc6	glibc	glibc
libc-bin	glibc-common	glibc
zlib1g	zlib	libz1
libssl3	openssl-libs	libopenssl3
openssl	openssl	openssl
libstdc++6	libstdc++	libstdc++6
libgcc-s1	libgcc	libgcc_s1
libcrypt1	libxcrypt	libcrypt1
libpam0g	pam	pam
libpam-modules	pam	pam
libpam-runtime	pam	pam
libselinux1	libselinux	libselinux1
libsystemd0	systemd-libs	libsystemd0
libncursesw6	ncurses-libs	libncurses6
libtinfo6	ncurses-libs	libncurses6
libreadline8	readline	libreadline8
liblzma5	xz-libs	liblzma5
libbz2-1.0	bzip2-libs	libbz2-1
libzstd1	libzstd	libzstd1
libcap2	libcap	libcap2
libacl1	libacl	libacl1
libattr1	libattr	libattr1
libuuid1	libuuid	libuuid1
libblkid1	libblkid	libblkid1
libmount1	libmount	libmount1
libffi8	libffi	libffi8
libexpat1	expat	libexpat1
libgmp10	gmp	libgmp10
libcurl4	libcurl	libcurl4
libglib2.0-0	glib2	libglib-2_0-0
libgnutls30	gnutls	libgnutls30
libpcre2-8-0	pcre2	libpcre2-8-0
libaudit1	audit-libs	libaudit1
libjq1	jq	libjq1
libonig5	oniguruma	libonig5
passwd	shadow-utils	shadow
adduser	shadow-utils	shadow
login	util-linux	login
bsdutils	util-linux	util-linux
util-linux	util-linux	util-linux
mount	util-linux	mount
procps	procps-ng	procps
coreutils	coreutils	coreutils
findutils	findutils	findutils
diffutils	diffutils	diffutils
sed	sed	sed
grep	grep	grep
gawk	gawk	gawk
tar	tar	tar
gzip	gzip	gzip
bzip2	bzip2	bzip2
xz-utils	xz	xz
bash	bash	bash
perl	perl	perl
perl-base	perl-interpreter	perl-base
python3	python3	python3
cron	cronie	cron
systemd	systemd	systemd
iproute2	iproute	iproute2
iputils-ping	iputils	iputils
curl	curl	curl
wget	wget	wget
ca-certificates	ca-certificates	ca-certificates
tzdata	tzdata	timezone
openssh-client	openssh-clients	openssh-clients
openssh-server	openssh-server	openssh-server
sudo	sudo	sudo
hostname	hostname	hostname
dpkg	-	update-alternatives
dash	-	-
debianutils	-	-
init-system-helpers	-	-
lsb-base	-	-
sysvinit-utils	-	-
debconf	-	-
sensible-utils	-	-
base-files	-	-
base-passwd	setup	-
netbase	-	netcfg
-	/bin/sh	/bin/sh
-	/bin/bash	/bin/bash
-	/usr/bin/sh	/usr/bin/sh
-	/usr/bin/bash	/usr/bin/bash
perl	/usr/bin/perl	/usr/bin/perl
python3	/usr/bin/python3	/usr/bin/python3
python-is-python3	/usr/bin/python	/usr/bin/python
dpkg	chkconfig	-
dpkg	alternatives	-
`;

/** The rpm distributions whose names the map holds, by column: --target-distro. */
export const RPM_DISTROS = ['fedora', 'opensuse'] as const;
export type RpmDistro = (typeof RPM_DISTROS)[number];

export interface NameMap {
  /** The target distribution's name for a Debian package; null: nothing needed; undefined: not in the map. */
  toRpm(debName: string): string | null | undefined;
  /** Debian's name for a Fedora or openSUSE package (or file): null: nothing needed; undefined: not in the map. */
  toDeb(rpmName: string): string | null | undefined;
}

type Entry = string | null;

/** The built-in map, with the lines of each `--dep-map` file on top (later lines win); deb → rpm names are `distro`'s. */
export function nameMap(files: readonly string[] = [], distro: RpmDistro = 'fedora'): NameMap {
  const column = RPM_DISTROS.indexOf(distro);
  const toRpm = new Map<string, Entry>();
  const toDeb = new Map<string, Entry>();
  const add = (line: string, where: string) => {
    const text = line.replace(/#.*/, '').trimEnd();
    if (!text.trim()) return;
    const [deb, ...rpms] = text.split('\t').map((c) => c.trim());
    if (!deb || rpms.length === 0 || rpms.some((c) => !c)) {
      throw new PkgError('usage', `${where}: expected 'debian-name<TAB>rpm-name[<TAB>opensuse-name]', got '${line}'`);
    }
    const value = (name: string): Entry => (name === '-' ? null : name);
    // In the built-in table the first line for a name wins (`passwd`, not `adduser`, for shadow-utils);
    // a user's line always wins.
    const set = (map: Map<string, Entry>, key: string, entry: Entry) => {
      if (where !== 'built-in' || !map.has(key)) map.set(key, entry);
    };
    if (deb !== '-') set(toRpm, deb, value(rpms[column] ?? rpms[0]!));
    for (const rpm of rpms) if (rpm !== '-') set(toDeb, rpm, value(deb));
  };
  for (const line of BUILTIN.split('\n')) add(line, 'built-in');
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new PkgError('input-unreadable', `--dep-map ${file}: ${describeError(err)}`, { cause: err });
    }
    text.split('\n').forEach((line, i) => add(line, `--dep-map ${file} line ${i + 1}`));
  }
  return { toRpm: (name) => toRpm.get(name), toDeb: (name) => toDeb.get(name) };
}
