// An rpm %ghost file is owned, not shipped: converted to a tarball or a deb it must not become an
// empty real file that overwrites the user's own when extracted or installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

test('%ghost files are left out of tar and deb outputs; extracting over an existing file leaves it untouched', (t) => {
  if (!needTools(t, 'rpmbuild', 'tar', 'dpkg-deb')) return;
  const top = tempDir(t);
  writeFileSync(join(top, 'g.spec'), [
    'Name: ghosty', 'Version: 1', 'Release: 1', 'Summary: ghost test', 'License: MIT', 'BuildArch: noarch',
    '%description', 'ghost test', '%install', 'mkdir -p %{buildroot}/etc %{buildroot}/usr/share/ghosty',
    'echo shipped > %{buildroot}/usr/share/ghosty/data', 'touch %{buildroot}/etc/ghosty.conf',
    '%files', '/usr/share/ghosty/data', '%ghost %config(noreplace) /etc/ghosty.conf', '',
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, join(top, 'g.spec')]);
  const rpm = join(top, 'RPMS', 'noarch', 'ghosty-1-1.noarch.rpm');

  const tarball = join(top, 'ghosty.tar');
  const toTar = pkgshift(['-s', 'rpm', '-t', 'tar', '--no-lint', '-p', tarball, rpm]);
  assert.equal(toTar.status, 0, toTar.stderr);
  assert.match(toTar.stderr, /tar-ghost-dropped|%ghost \/etc\/ghosty\.conf left out/);
  const root = join(top, 'root');
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc', 'ghosty.conf'), 'the user\'s settings\n');
  runOk('tar', ['-xf', tarball, '-C', root]);
  assert.equal(readFileSync(join(root, 'etc', 'ghosty.conf'), 'utf8'), 'the user\'s settings\n');
  assert.equal(readFileSync(join(root, 'usr', 'share', 'ghosty', 'data'), 'utf8'), 'shipped\n');

  const deb = join(top, 'ghosty.deb');
  const toDeb = pkgshift(['-s', 'rpm', '-t', 'deb', '--no-lint', '-p', deb, rpm]);
  assert.equal(toDeb.status, 0, toDeb.stderr);
  const listing = runOk('dpkg-deb', ['-c', deb]).stdout;
  assert.match(listing, /\.\/usr\/share\/ghosty\/data/);
  assert.doesNotMatch(listing, /ghosty\.conf/);
});
