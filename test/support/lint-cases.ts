// The defect of each lint rule, applied to the well-made package of lint-fixtures.ts: shared by the
// rule tests on models (lint-rules) and on packages our writers built (lint-written).
import type { FileEntry } from '../../src/core/model.js';
import type { LintFormat, Severity } from '../../src/lint/types.js';
import { TRIPLETS } from '../../src/lint/rules/paths.js';
import { cleanPackage, dirs, entry, file, makeElf, NATIVE_MACHINE, type CleanPackage } from './lint-fixtures.js';

export interface Extras {
  unsafe?: string[];
  buildRoots?: string[];
}

export interface Case {
  id: string;
  format?: LintFormat;
  severity?: Severity;
  /** Introduces exactly the defect; may return extra lint options. */
  defect(pkg: CleanPackage): Extras | void;
}

export const add = (pkg: CleanPackage, ...entries: FileEntry[]) => { pkg.model.files.push(...entries); };
export const at = (pkg: CleanPackage, path: string) => pkg.model.files.find((f) => f.path === path)!;
const drop = (pkg: CleanPackage, path: string) => { pkg.model.files = pkg.model.files.filter((f) => f.path !== path); };
const meta = (pkg: CleanPackage) => pkg.model.metadata;
const foreignMachine = () => (NATIVE_MACHINE[meta(cleanPackage('deb')).arch] === 183 ? 62 : 183);

/** A public shared library (SONAME, in /usr/lib/<triplet>) with nothing declared for it: no ldconfig, no shlibs. */
function addLibrary(p: CleanPackage): void {
  const dir = `/usr/lib/${TRIPLETS[meta(p).arch] ?? 'x86_64-linux-gnu'}`;
  add(p, ...dirs(dir), file(`${dir}/libgreet.so.2.0.0`, makeElf({ machine: NATIVE_MACHINE[meta(p).arch] ?? 62, soname: 'libgreet.so.2' }), { mode: 0o644 }),
    entry(`${dir}/libgreet.so.2`, 'symlink', { target: 'libgreet.so.2.0.0' }));
}

export const CASES: Case[] = [
  { id: 'meta-name-invalid', defect: (p) => { meta(p).name = 'Hello_Tool'; } },
  { id: 'meta-version-invalid', defect: (p) => { meta(p).version.upstream = 'v1.2'; } },
  { id: 'meta-version-prerelease', defect: (p) => { meta(p).version.upstream = '1.2rc1'; } },
  { id: 'meta-maintainer-missing', defect: (p) => { delete meta(p).maintainer; } },
  { id: 'meta-maintainer-malformed', defect: (p) => { meta(p).maintainer = 'jane <jane@buildbox>'; } },
  { id: 'meta-description-missing', severity: 'error', defect: (p) => { meta(p).summary = ''; } },
  { id: 'meta-summary-too-long', defect: (p) => { meta(p).summary = 'greet '.repeat(15).trim(); } },
  { id: 'meta-description-format', defect: (p) => { meta(p).description += '\n' + 'long '.repeat(20); } },
  { id: 'meta-placeholder-value', defect: (p) => { meta(p).homepage = 'http://example.com/no-uri-given'; } },
  { id: 'meta-arch-invalid', defect: (p) => { meta(p).arch = 'linux-any'; } },
  { id: 'meta-field-unknown', defect: (p) => { meta(p).extras.deb = { License: 'MIT', Vendor: 'Acme' }; } },
  { id: 'meta-self-obsoletion', format: 'rpm', defect: (p) => { meta(p).relations.obsoletes = [{ name: 'hello-tool', op: '<=', version: '2.0' }]; } },
  { id: 'meta-self-dependency', defect: (p) => { meta(p).relations.depends!.push({ name: 'hello-tool' }); } },
  { id: 'meta-dependency-invalid', defect: (p) => { meta(p).relations.depends!.push({ name: 'libfoo', op: '>=', version: 'x:1' }); } },

  { id: 'perm-owner-non-root', format: 'tar', defect: (p) => { Object.assign(at(p, '/usr/bin/hello-tool'), { uid: 1000, gid: 1000, user: 'jane', group: 'jane' }); } },
  { id: 'perm-world-writable', defect: (p) => { at(p, '/usr/share/doc/hello-tool/README').mode = 0o666; } },
  { id: 'perm-setuid-setgid', defect: (p) => { at(p, '/usr/bin/hello-tool').mode = 0o4755; } },
  { id: 'perm-nonstandard-mode', severity: 'warning', defect: (p) => { at(p, '/usr/share/doc/hello-tool/README').mode = 0o640; } },
  { id: 'perm-exec-bit-mismatch', defect: (p) => { at(p, '/usr/bin/hello-tool').mode = 0o644; } },
  { id: 'perm-device-outside-dev', defect: (p) => add(p, entry('/usr/share/hello-tool/disk', 'block-device', { mode: 0o660, device: { major: 8, minor: 0 } })) },

  { id: 'path-usr-local', defect: (p) => add(p, file('/usr/local/bin/x', '#!/bin/sh\n', { mode: 0o755 })) },
  { id: 'path-home', defect: (p) => add(p, file('/home/jane/.hello', 'x\n')) },
  { id: 'path-tmp', defect: (p) => add(p, file('/var/tmp/hello.cache', 'x\n')) },
  { id: 'path-runtime-dir', defect: (p) => add(p, file('/var/run/hello.pid', '1\n')) },
  { id: 'path-nonstandard-dir', defect: (p) => add(p, file('/weird/hello.dat', 'x\n')) },
  { id: 'path-subdir-in-bin', defect: (p) => add(p, ...dirs('/usr/bin/helpers')) },
  { id: 'path-libdir-mismatch', defect: (p) => add(p, ...dirs('/usr/lib64'), file('/usr/lib64/libhello.so.1', 'x')) },
  { id: 'path-unsafe-member', defect: () => ({ unsafe: ["member '../../etc/passwd' climbs out of the root"] }) },

  { id: 'name-not-utf8', defect: (p) => add(p, file('/usr/share/doc/hello-tool/caf\uFFFD', 'x\n')) },
  { id: 'name-unsafe-chars', defect: (p) => add(p, file('/usr/share/doc/hello-tool/read me ', 'x\n')) },

  { id: 'junk-vcs', defect: (p) => add(p, ...dirs('/usr/share/doc/hello-tool/.git'), file('/usr/share/doc/hello-tool/.git/HEAD', 'ref\n')) },
  { id: 'junk-backup', defect: (p) => add(p, file('/usr/share/doc/hello-tool/README~', 'old\n')) },
  { id: 'junk-artifact', defect: (p) => add(p, file('/usr/share/doc/hello-tool/.DS_Store', 'Bud1')) },
  { id: 'junk-python-bytecode', defect: (p) => add(p, ...dirs('/usr/lib/python3', '/usr/lib/python3/dist-packages', '/usr/lib/python3/dist-packages/__pycache__'),
    file('/usr/lib/python3/dist-packages/hello.py', 'print(1)\n'), file('/usr/lib/python3/dist-packages/__pycache__/hello.cpython-311.pyc', 'bytecode')) },
  { id: 'junk-zero-length', defect: (p) => add(p, file('/usr/share/doc/hello-tool/NEWS', '')) },
  { id: 'junk-duplicate-files', defect: (p) => add(p, file('/usr/share/doc/hello-tool/README.copy', 'Say hello.\n')) },
  { id: 'junk-secret', defect: (p) => add(p, file('/usr/share/hello-tool/server.pem', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIO\n-----END EC PRIVATE KEY-----\n')) },
  { id: 'junk-build-path-leak', defect: (p) => {
    add(p, file('/usr/share/hello-tool/paths.conf', 'datadir=/home/jane/src/hello/stage/usr/share\n'));
    return { buildRoots: ['/home/jane/src/hello/stage'] };
  } },

  { id: 'symlink-escapes-root', defect: (p) => add(p, entry('/usr/bin/up', 'symlink', { target: '../../../etc/hello' })) },
  { id: 'symlink-dangling', defect: (p) => add(p, entry('/usr/bin/hi', 'symlink', { target: 'hello-missing' })) },
  { id: 'symlink-absolute', defect: (p) => add(p, entry('/usr/bin/hi', 'symlink', { target: '/usr/bin/hello-tool' })) },
  { id: 'symlink-suspicious', defect: (p) => add(p, entry('/usr/bin/hi', 'symlink', { target: './hello-tool' })) },

  { id: 'arch-indep-has-elf', defect: (p) => { meta(p).arch = 'all'; } },
  { id: 'arch-elf-mismatch', defect: (p) => add(p, file('/usr/lib/hello-tool/other', makeElf({ machine: foreignMachine() }), { mode: 0o755 })) },
  { id: 'elf-in-wrong-place', defect: (p) => add(p, ...dirs('/usr/share/hello-tool'), file('/usr/share/hello-tool/helper', makeElf({ machine: NATIVE_MACHINE[meta(p).arch] ?? 62 }), { mode: 0o755 })) },
  { id: 'elf-unstripped', defect: (p) => { const e = at(p, '/usr/lib/hello-tool/helper'); Object.assign(e, file(e.path, makeElf({ machine: NATIVE_MACHINE[meta(p).arch] ?? 62, symtab: true }), { mode: 0o755 })); } },
  { id: 'elf-rpath', severity: 'error', defect: (p) => { const e = at(p, '/usr/lib/hello-tool/helper'); Object.assign(e, file(e.path, makeElf({ machine: NATIVE_MACHINE[meta(p).arch] ?? 62, runpath: 'build/lib' }), { mode: 0o755 })); } },

  { id: 'elf-soname-undeclared', defect: (p) => {
    const e = at(p, '/usr/lib/hello-tool/helper');
    Object.assign(e, file(e.path, makeElf({ machine: NATIVE_MACHINE[meta(p).arch] ?? 62, needed: ['libgreet.so.2'] }), { mode: 0o755 }));
    meta(p).relations.depends = [];
  } },
  { id: 'lib-ldconfig-missing', defect: (p) => addLibrary(p) },
  { id: 'lib-shlibs-missing', defect: (p) => addLibrary(p) },

  { id: 'script-no-shebang', defect: (p) => add(p, file('/usr/bin/hello-more', 'echo more\n', { mode: 0o755 })) },
  { id: 'script-bad-interpreter', severity: 'error', defect: (p) => add(p, file('/usr/bin/hello-py', '#!/usr/local/bin/python3\nprint(1)\n', { mode: 0o755 })) },
  { id: 'script-not-executable', defect: (p) => add(p, ...dirs('/usr/share/hello-tool'), file('/usr/share/hello-tool/setup-greeting', '#!/bin/sh\necho hi\n')) },
  { id: 'script-interpreter-undeclared', defect: (p) => add(p, file('/usr/bin/hello-py', '#!/usr/bin/python3\nprint(1)\n', { mode: 0o755 })) },

  { id: 'mscript-no-shebang', defect: (p) => { p.model.scripts[0]!.body = 'echo configured\n'; } },
  { id: 'mscript-not-executable', defect: (p) => { p.deb.members.find((m) => m.name === 'postinst')!.mode = 0o644; } },
  { id: 'mscript-syntax-error', defect: (p) => { p.model.scripts[0]!.body = '#!/bin/sh\nif then fi\n'; } },
  { id: 'mscript-bashism', defect: (p) => { p.model.scripts[0]!.body = '#!/bin/sh\nif [[ -f /etc/x ]]; then echo x; fi\n'; } },

  { id: 'mscript-empty', defect: (p) => { p.model.scripts[0]!.body = '#!/bin/sh\nset -e\n\nexit 0\n'; } },
  { id: 'mscript-tmp', defect: (p) => { p.model.scripts[0]!.body = '#!/bin/sh\nset -e\necho "$1" > /tmp/hello-tool.log\n'; } },

  { id: 'conf-etc-not-marked', defect: (p) => add(p, file('/etc/hello-tool.d.conf', 'x\n')) },
  { id: 'conf-outside-etc', defect: (p) => { at(p, '/usr/share/doc/hello-tool/README').flags = new Set(['config']); } },
  { id: 'conf-missing', defect: (p) => { p.deb.conffiles!.push('/etc/hello-absent.conf'); } },

  { id: 'doc-copyright-missing', defect: (p) => drop(p, '/usr/share/doc/hello-tool/copyright') },
  { id: 'doc-manpage-uncompressed', severity: 'error', defect: (p) => add(p, ...dirs('/usr/share/man', '/usr/share/man/man1'), file('/usr/share/man/man1/hello-tool.1', '.TH HELLO 1\n')) },
  { id: 'pkg-deb-compression', defect: (p) => { p.deb.archive = ['debian-binary', 'control.tar', 'data.tar']; } },
  { id: 'pkg-empty', defect: (p) => { p.model.files = p.model.files.filter((f) => f.type === 'dir' || f.path.startsWith('/usr/share/doc/')); } },
  { id: 'pkg-deb-md5sums', defect: (p) => { delete p.deb.md5sums; } },
  { id: 'pkg-deb-control-perms', defect: (p) => { p.deb.members.find((m) => m.name === 'control')!.mode = 0o664; } },
  { id: 'pkg-timestamps', defect: (p) => { at(p, '/usr/share/doc/hello-tool/README').mtime = 0; } },
];
