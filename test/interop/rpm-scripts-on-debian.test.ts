// rpm scriptlets that assume an rpm system, converted to deb and driven by the real dpkg: a bodiless
// `-p /sbin/ldconfig` and a /bin/sh scriptlet in bash syntax (rpm's /bin/sh is bash) must not block removal.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, runOk, tempDir } from '../support/helpers.js';

function buildRpm(dir: string, name: string, scriptlets: string): string {
  const top = join(dir, `rpmbuild-${name}`);
  writeFileSync(join(dir, `${name}.spec`), [
    `Name: ${name}`, 'Version: 1.0', 'Release: 1', 'Summary: scriptlet test', 'License: MIT', 'BuildArch: noarch', '',
    '%description', 'Scriptlets written for an rpm system.', '',
    '%install', `mkdir -p %{buildroot}/usr/share/${name}`, `echo 1 > %{buildroot}/usr/share/${name}/file`, '',
    '%files', `/usr/share/${name}/file`, '',
    scriptlets,
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--define', `_topdir ${top}`, join(dir, `${name}.spec`)]);
  return join(top, 'RPMS/noarch', `${name}-1.0-1.noarch.rpm`);
}

function toDeb(rpm: string, dir: string): string {
  const out = join(dir, `${rpm.split('/').pop()}.deb`);
  const result = pkgshift(['-s', 'rpm', '-t', 'deb', rpm, '-p', out, '-f']);
  assert.equal(result.status, 0, result.stderr);
  return out;
}

test('a bodiless %post/%postun -p /sbin/ldconfig runs ldconfig under dpkg, and the package can be removed', (t) => {
  if (!needTools(t, 'rpmbuild', 'dpkg', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const deb = toDeb(buildRpm(dir, 'ldc', '%post -p /sbin/ldconfig\n\n%postun -p /sbin/ldconfig\n'), dir);
  const postrm = runOk('dpkg-deb', ['-I', deb, 'postrm']).stdout;
  assert.match(postrm, /^exec \/sbin\/ldconfig /m);
  const root = dpkgRoot(t);
  dpkg(root, '-i', deb);
  dpkg(root, '-r', 'ldc');
  dpkg(root, '-P', 'ldc');
  assert.match(readFileSync(join(root, 'var/lib/dpkg/status'), 'utf8'), /^$|Status: .*not-installed/);
});

test('a /bin/sh scriptlet in bash syntax runs under bash through dpkg -i and -r', (t) => {
  if (!needTools(t, 'rpmbuild', 'dpkg', 'bash')) return;
  const dir = tempDir(t);
  // [[ ]], arrays and ${var,,} fail under dash ("[[: not found", "Bad substitution").
  const bashy = (name: string) => `%${name}\nwords=(a b)\nif [[ $1 == [01] ]]; then tag=${name.toUpperCase()}; echo "\${tag,,} \${#words[@]} $1" >> "\${DPKG_ROOT:-}/proof"; fi\n`;
  const deb = toDeb(buildRpm(dir, 'bashy', `${bashy('post')}\n${bashy('postun')}`), dir);
  assert.match(runOk('dpkg-deb', ['-I', deb, 'postrm']).stdout, /^#!\/bin\/bash\n/);
  const root = dpkgRoot(t);
  dpkg(root, '-i', deb);
  dpkg(root, '-r', 'bashy');
  assert.deepEqual(readFileSync(join(root, 'proof'), 'utf8').trim().split('\n'), ['post 2 1', 'postun 2 0']);
  // Back to rpm the scriptlet is the original /bin/sh one again.
  const back = pkgshift(['-s', 'deb', '-t', 'rpm', deb, '-p', join(dir, 'back.rpm'), '-f']);
  assert.equal(back.status, 0, back.stderr);
  assert.match(runOk('rpm', ['-qp', '--scripts', join(dir, 'back.rpm')]).stdout, /postuninstall scriptlet \(using \/bin\/sh\):\nwords=\(a b\)/);
});
