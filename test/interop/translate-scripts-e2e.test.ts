// Issue 7 end to end: maintainer scripts converted between deb and rpm, driven by the real dpkg and
// rpm through install, upgrade and removal. Each original script records the arguments it got; it
// must see the arguments its own format would have given it.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';
import { RpmRoot } from '../support/rpm.js';

/** A script that appends "<tag> <script> <args>" to $DPKG_ROOT/proof (dpkg) or /proof (chrooted rpm). */
const recorder = (tag: string, name: string, args: string) =>
  `#!/bin/sh\nset -e\necho "${tag} ${name} ${args}" >> "\${DPKG_ROOT:-}/proof"\n`;

function convert(from: string, target: 'deb' | 'rpm', out: string): string {
  const result = pkgshift(['-t', target, from, '-p', out, '-f'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
  assert.equal(result.status, 0, result.stderr);
  return out;
}

function buildDeb(dir: string, version: string): string {
  const root = join(dir, `deb-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'usr/share/demo'), { recursive: true });
  writeFileSync(join(root, 'usr/share/demo/version'), `${version}\n`);
  writeFileSync(join(root, 'DEBIAN/control'),
    `Package: demo\nVersion: ${version}-1\nArchitecture: all\nMaintainer: Test <test@example.org>\nDescription: script test\n`);
  for (const name of ['preinst', 'postinst', 'prerm', 'postrm']) {
    writeFileSync(join(root, 'DEBIAN', name), recorder(`v${version}`, name, '$*'));
    chmodSync(join(root, 'DEBIAN', name), 0o755);
  }
  const out = join(dir, `demo_${version}.deb`);
  runOk('dpkg-deb', ['--root-owner-group', '-b', root, out]);
  return out;
}

test('deb maintainer scripts converted to rpm see dpkg verbs through rpm -i, -U and -e', (t) => {
  if (!needTools(t, 'dpkg-deb', 'rpm')) return;
  const dir = tempDir(t);
  const v1 = convert(buildDeb(dir, '1.0'), 'rpm', join(dir, 'v1.rpm'));
  const v2 = convert(buildDeb(dir, '2.0'), 'rpm', join(dir, 'v2.rpm'));
  const root = new RpmRoot(t);
  assert.ok(root.installShell(), 'a shell for chrooted scriptlets');
  root.rpmOk(['-i', '--nodeps', v1]);
  root.rpmOk(['-U', '--nodeps', v2]);
  root.rpmOk(['-e', '--nodeps', 'demo']);
  // rpm is not inside the throw-away root, so the other version the shim asks rpm for is the placeholder 0.
  assert.deepEqual(readFileSync(join(root.path, 'proof'), 'utf8').trim().split('\n'), [
    'v1.0 preinst install', 'v1.0 postinst configure',
    'v2.0 preinst upgrade 0', 'v2.0 postinst configure 0', 'v1.0 prerm upgrade 0', 'v1.0 postrm upgrade 0',
    'v2.0 prerm remove', 'v2.0 postrm remove',
  ]);
});

function buildRpm(dir: string, version: string): string {
  const top = join(dir, `rpmbuild-${version}`);
  const scriptlet = (name: string) => `%${name}\necho "v${version} ${name} $1" >> "\${DPKG_ROOT:-}/proof"\n`;
  writeFileSync(join(dir, `demo-${version}.spec`), [
    'Name: demo', `Version: ${version}`, 'Release: 1', 'Summary: script test', 'License: MIT', 'BuildArch: noarch', '',
    '%description', 'Records the arguments of its scriptlets.', '',
    '%install', 'mkdir -p %{buildroot}/usr/share/demo', `echo ${version} > %{buildroot}/usr/share/demo/version`, '',
    '%files', '/usr/share/demo/version', '',
    scriptlet('pre'), scriptlet('post'), scriptlet('preun'), scriptlet('postun'),
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, join(dir, `demo-${version}.spec`)]);
  return join(top, 'RPMS/noarch', `demo-${version}-1.noarch.rpm`);
}

test('rpm scriptlets converted to deb see $1 counts through dpkg -i, upgrade, -r and -P', (t) => {
  if (!needTools(t, 'rpmbuild', 'dpkg')) return;
  const dir = tempDir(t);
  const v1 = convert(buildRpm(dir, '1.0'), 'deb', join(dir, 'v1.deb'));
  const v2 = convert(buildRpm(dir, '2.0'), 'deb', join(dir, 'v2.deb'));
  const root = dpkgRoot(t);
  dpkg(root, '-i', v1);
  dpkg(root, '-i', v2);
  dpkg(root, '-r', 'demo');
  dpkg(root, '-P', 'demo');
  // dpkg's upgrade order: old prerm, new preinst, old postrm, new postinst.
  assert.deepEqual(readFileSync(join(root, 'proof'), 'utf8').trim().split('\n'), [
    'v1.0 pre 1', 'v1.0 post 1',
    'v1.0 preun 1', 'v2.0 pre 2', 'v1.0 postun 1', 'v2.0 post 2',
    'v2.0 preun 0', 'v2.0 postun 0',
  ]);
});
