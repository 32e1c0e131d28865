// `pkgshift build -f nfpm.yaml -t deb,rpm,tar` with a config modelled on nfpm's example: the deb installs
// with dpkg and the rpm with rpm in throw-away roots, exactly as the config says — owners, modes, config
// flags, symlinks, dirs, ghosts, doc files, scripts — and command-line options win over the file.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { RpmRoot, queryFormat } from '../support/rpm.js';

const CONFIG = `# modelled on nfpm's example configuration
name: "foo"
arch: "\${FOO_ARCH}"
platform: "linux"
version: "v1.2.3-rc1"
release: "2"
section: "utils"
priority: "optional"
maintainer: "Jane Doe <jane@example.org>"
description: |
  Foo does things.
  It is packaged from an nfpm config.
vendor: "Acme"
homepage: "https://example.org/foo"
license: "MIT"
depends:
  - coreutils
contents:
  - src: ./bin/foo
    dst: /usr/bin/foo
  - src: ./etc/foo.conf
    dst: /etc/foo/foo.conf
    type: config|noreplace
    file_info:
      mode: 0640
      owner: daemon
      group: daemon
  - src: ./docs/*.md
    dst: /usr/share/doc/foo/
    type: doc
  - src: /usr/bin/foo
    dst: /usr/sbin/foo
    type: symlink
  - dst: /var/lib/foo
    type: dir
    file_info:
      mode: 0700
  - dst: /var/log/foo.log
    type: ghost
    packager: rpm
scripts:
  postinstall: ./scripts/postinstall.sh
overrides:
  rpm:
    depends:
      - bash
deb:
  compression: gzip
  fields:
    Bugs: https://example.org/foo/issues
rpm:
  group: Applications/System
  compression: xz
ipk:
  abi_version: "1"
`;

function project(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  for (const sub of ['bin', 'etc', 'docs', 'scripts']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'bin/foo'), '#!/bin/sh\necho foo\n', { mode: 0o755 });
  writeFileSync(join(dir, 'etc/foo.conf'), 'level=1\n');
  writeFileSync(join(dir, 'docs/usage.md'), '# usage\n');
  writeFileSync(join(dir, 'docs/faq.md'), '# faq\n');
  writeFileSync(join(dir, 'scripts/postinstall.sh'), 'echo "postinstall $1" >> "${DPKG_ROOT:-}/nfpm-proof"\n');
  writeFileSync(join(dir, 'nfpm.yaml'), CONFIG);
  return dir;
}

function build(dir: string, args: string[]): string[] {
  const result = pkgshift(['build', '-f', 'nfpm.yaml', ...args], { cwd: dir, env: { ...process.env, FOO_ARCH: 'all', SOURCE_DATE_EPOCH: '1700000000' } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr.match(/ipk ignored/g)?.length, 1, 'one warning for the ipk section');
  return result.stdout.trim().split('\n');
}

test('nfpm config → deb, rpm and tar in one run; the deb installs with dpkg as the config says', (t) => {
  if (!needTools(t, 'dpkg')) return;
  const dir = project(t);
  const [deb, rpm, tar] = build(dir, ['-t', 'deb,rpm,tar', '-p', `${dir}/`]);
  assert.equal(deb, join(dir, 'foo_1.2.3~rc1-2_all.deb'));
  assert.equal(rpm, join(dir, 'foo-1.2.3~rc1-2.noarch.rpm'));
  assert.equal(tar, join(dir, 'foo-1.2.3~rc1-2.tar.gz'));

  const control = runOk('dpkg-deb', ['-f', deb!]).stdout;
  for (const line of ['Version: 1.2.3~rc1-2', 'Depends: coreutils', 'Section: utils', 'Bugs: https://example.org/foo/issues', 'Origin: Acme', 'Description: Foo does things.']) {
    assert.ok(control.includes(`${line}\n`), `${line} in\n${control}`);
  }
  assert.match(runOk('ar', ['t', deb!]).stdout, /data\.tar\.gz/);
  const root = dpkgRoot(t);
  dpkg(root, '--force-depends', '-i', deb!);
  const at = (p: string) => join(root, p);
  assert.equal(readFileSync(join(root, 'nfpm-proof'), 'utf8'), 'postinstall configure\n');
  const conf = statSync(at('etc/foo/foo.conf'));
  assert.equal(conf.mode & 0o7777, 0o640);
  assert.equal(conf.uid, 1, 'owner daemon (uid 1 on Debian)');
  assert.equal(readlinkSync(at('usr/sbin/foo')), '/usr/bin/foo');
  assert.equal(statSync(at('var/lib/foo')).mode & 0o7777, 0o700);
  assert.ok(lstatSync(at('usr/share/doc/foo/usage.md')).isFile());
  assert.equal(readFileSync(at('var/lib/dpkg/info/foo.conffiles'), 'utf8'), '/etc/foo/foo.conf\n');
});

test('the rpm installs with rpm as the config says: overrides, %config(noreplace), %doc, %ghost, dir, symlink', (t) => {
  if (!needTools(t, 'rpm')) return;
  const dir = project(t);
  const [rpm] = build(dir, ['-t', 'rpm', '-p', `${dir}/`, '--iteration', '7']);
  assert.equal(rpm, join(dir, 'foo-1.2.3~rc1-7.noarch.rpm'), 'the command line wins over the file (--iteration)');
  assert.equal(queryFormat(rpm!, '%{GROUP}|%{VENDOR}|%{URL}|%{PACKAGER}|%{OS}'), 'Applications/System|Acme|https://example.org/foo|Jane Doe <jane@example.org>|linux');
  assert.match(queryFormat(rpm!, '[%{REQUIRENAME}\n]'), /^bash$/m);
  assert.doesNotMatch(queryFormat(rpm!, '[%{REQUIRENAME}\n]'), /coreutils/, 'overrides.rpm.depends replaces depends');
  assert.equal(queryFormat(rpm!, '[%{FILENAMES} %{FILEFLAGS:fflags} %{FILEMODES:perms} %{FILEUSERNAME}\n]'), [
    '/etc/foo/foo.conf cn -rw-r----- daemon',
    '/usr/bin/foo  -rwxr-xr-x root',
    '/usr/sbin/foo  lrwxrwxrwx root',
    '/usr/share/doc/foo/faq.md d -rw-r--r-- root',
    '/usr/share/doc/foo/usage.md d -rw-r--r-- root',
    '/var/lib/foo  drwx------ root',
    '/var/log/foo.log g -rw-r--r-- root',
    '',
  ].join('\n'));
  const root = new RpmRoot(t);
  if (!root.installShell()) {
    t.skip('cannot put a /bin/sh into the throw-away root (needs root and /bin/dash)');
    return;
  }
  root.rpmOk(['-i', '--nodeps', rpm!]);
  assert.equal(readFileSync(join(root.path, 'nfpm-proof'), 'utf8'), 'postinstall 1\n');
  assert.equal(statSync(join(root.path, 'etc/foo/foo.conf')).mode & 0o7777, 0o640);
  assert.equal(readlinkSync(join(root.path, 'usr/sbin/foo')), '/usr/bin/foo');
  assert.equal(root.rpmOk(['-V', '--nodeps', 'foo']).stdout, '', 'rpm -V: every file as the package says');
});

test('several formats with -p naming one file is a usage error', (t) => {
  const dir = project(t);
  const result = pkgshift(['build', '-f', 'nfpm.yaml', '-t', 'deb,rpm', '-p', 'out.pkg'], { cwd: dir, env: { ...process.env, FOO_ARCH: 'all' } });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /-p out\.pkg names one file but 2 formats are built/);
});
