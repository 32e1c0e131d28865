// File capabilities across formats, judged by the real tools: an rpmbuild package with %caps as input;
// rpm output checked with `rpm -qp --filecaps` and, installed with `rpm -i --root`, with getcap; tar
// output extracted by GNU tar --xattrs, then getcap; the tarball read back; a deb says what it loses.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

const SPEC = `Name: capsdemo
Version: 1.0
Release: 1
Summary: a program with file capabilities
License: MIT
BuildArch: noarch
%description
A program that needs raw sockets, like ping.
%install
mkdir -p %{buildroot}/usr/bin
printf '#!/bin/sh\\necho ping\\n' > %{buildroot}/usr/bin/pinger
printf '#!/bin/sh\\necho plain\\n' > %{buildroot}/usr/bin/plain
chmod 755 %{buildroot}/usr/bin/pinger %{buildroot}/usr/bin/plain
%files
%caps(cap_net_raw=ep) /usr/bin/pinger
%caps(cap_net_admin,cap_net_bind_service=eip) /usr/bin/plain
`;

const EXPECTED = { '/usr/bin/pinger': 'cap_net_raw=ep', '/usr/bin/plain': 'cap_net_bind_service,cap_net_admin=eip' };

/** `path<TAB>caps` lines of `rpm -qp --filecaps`, as an object. */
function filecaps(rpm: string): Record<string, string> {
  return Object.fromEntries(runOk('rpm', ['-qp', '--filecaps', rpm]).stdout.trim().split('\n').map((l) => l.split('\t') as [string, string]));
}

function getcap(root: string): Record<string, string> {
  return Object.fromEntries(Object.keys(EXPECTED).map((p) => [p, runOk('getcap', [join(root, p)]).stdout.trim().split(' ').slice(1).join(' ')]));
}

test('file capabilities: rpm %caps → rpm (FILECAPS), tar (pax xattr) and back; deb warns naming the files', (t) => {
  if (!needTools(t, 'rpm', 'rpmbuild', 'tar', 'getcap')) return;
  const dir = tempDir(t);
  writeFileSync(join(dir, 'caps.spec'), SPEC);
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${join(dir, 'top')}`, join(dir, 'caps.spec')]);
  const input = join(dir, 'top/RPMS/noarch/capsdemo-1.0-1.noarch.rpm');
  assert.deepEqual(filecaps(input), EXPECTED, 'rpmbuild wrote the capabilities');

  const rpm = join(dir, 'out.rpm');
  assert.equal(pkgshift(['-t', 'rpm', '-p', rpm, input]).status, 0);
  assert.deepEqual(filecaps(rpm), EXPECTED);
  assert.match(runOk('rpm', ['-qpR', rpm]).stdout, /^rpmlib\(FileCaps\) <= 4\.6\.1-1$/m);
  if (process.getuid?.() === 0) {
    const root = tempDir(t, 'pkgshift-caps-root-');
    const db = ['--root', root, '--dbpath', '/var/lib/rpm'];
    runOk('rpm', [...db, '--initdb']);
    runOk('rpm', [...db, '-i', '--nodeps', '--noscripts', rpm]);
    assert.deepEqual(getcap(root), EXPECTED, 'rpm -i set them');
  }

  const tar = join(dir, 'out.tar');
  assert.equal(pkgshift(['-t', 'tar', '--compression', 'none', '-p', tar, input]).status, 0);
  const extracted = join(dir, 'x');
  mkdirSync(extracted);
  runOk('tar', ['--xattrs', '--xattrs-include=*', '-xpf', tar, '-C', extracted]);
  assert.deepEqual(getcap(extracted), EXPECTED, 'GNU tar --xattrs set them');
  const back = join(dir, 'back.rpm');
  assert.equal(pkgshift(['-s', 'tar', '-t', 'rpm', '-n', 'back', '-v', '1', '-p', back, tar]).status, 0);
  assert.deepEqual(filecaps(back), EXPECTED, 'the tar input read the pax xattr back');

  const deb = pkgshift(['-t', 'deb', '-p', join(dir, 'out.deb'), input]);
  assert.equal(deb.status, 0, deb.stderr);
  assert.match(deb.stderr, /a deb cannot carry file capabilities \(dpkg ignores xattrs\): \/usr\/bin\/pinger \(cap_net_raw=ep\), \/usr\/bin\/plain \(cap_net_bind_service,cap_net_admin=eip\) lose them/);
});

test('a tarball made by GNU tar --xattrs from setcap files converts to an rpm with those FILECAPS', (t) => {
  if (!needTools(t, 'rpm', 'tar', 'setcap') || process.getuid?.() !== 0) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'tree/usr/bin'), { recursive: true });
  writeFileSync(join(dir, 'tree/usr/bin/tool'), '#!/bin/sh\n', { mode: 0o755 });
  runOk('setcap', ['cap_net_admin,cap_net_raw+ep', join(dir, 'tree/usr/bin/tool')]);
  const tar = join(dir, 'tool-1.0.tar');
  runOk('tar', ['--xattrs', '--xattrs-include=*', '--format=pax', '-C', join(dir, 'tree'), '-cf', tar, 'usr']);
  const rpm = join(dir, 'tool.rpm');
  assert.equal(pkgshift(['-s', 'tar', '-t', 'rpm', '-p', rpm, tar]).status, 0);
  assert.deepEqual(filecaps(rpm), { '/usr/bin/tool': 'cap_net_admin,cap_net_raw=ep' });
});
