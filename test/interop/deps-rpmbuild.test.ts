// The Requires and Provides pkgshift computes from a package's files equal those rpmbuild's
// AutoReqProv writes (its ELF and script generators) for the same tree: gcc-built objects, and the
// binaries of real Debian packages.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';
import { buildElfTree } from '../support/elf-tree.js';

/** rpmbuild's dependencies for `tree`, with only the ELF and script generators (pkgshift has no perl/python ones). */
function rpmbuildDeps(t: TestContext, tree: string): { requires: string[]; provides: string[] } {
  const top = tempDir(t);
  const attrs = join(top, 'fileattrs');
  mkdirSync(attrs);
  for (const name of ['elf.attr', 'script.attr']) copyFileSync(join('/usr/lib/rpm/fileattrs', name), join(attrs, name));
  const tops = readdirSync(tree).map((name) => `/${name}`);
  writeFileSync(join(top, 't.spec'), [
    'Name: t', 'Version: 1', 'Release: 1', 'Summary: t', 'License: MIT',
    '%description', 't', '%install', `cp -a ${tree}/. %{buildroot}/`, '%files', ...tops, '',
  ].join('\n'));
  runOk('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', `_fileattrsdir ${attrs}`,
    '--define', '__os_install_post %{nil}', '--define', 'debug_package %{nil}', '--define', '_build_id_links none',
    '--define', '_binary_payload w0.ufdio', '--nodeps', join(top, 't.spec')]);
  const rpm = join(top, 'RPMS', 'x86_64', 't-1-1.x86_64.rpm');
  return query(rpm, 't');
}

/**
 * `rpm -qpR` and `--provides`, without rpm's own mechanics (rpmlib(), config(), the self-provides) and
 * without the scriptlets' tool prerequisites (`Requires(post): coreutils`, README "What deb scripts get
 * under rpm"): those come from the scripts, not from the files the generators look at.
 */
function query(rpm: string, name: string): { requires: string[]; provides: string[] } {
  const scriptTools = new Set(runOk('rpm', ['-qp', '--qf', '[%{REQUIRENAME}\t%{REQUIREFLAGS:deptype}\n]', rpm]).stdout
    .split('\n').map((l) => l.split('\t')).filter(([, type]) => type !== undefined && /^(pre|post|preun|postun)$/.test(type))
    .map(([dep]) => dep));
  // A scriptlet's Requires(pre) /bin/sh and a file's /bin/sh are one line each: compared as a set.
  const lines = (flag: string) => [...new Set(runOk('rpm', ['-qp', flag, rpm]).stdout.split('\n').filter(Boolean))]
    .filter((l) => !l.startsWith('rpmlib(') && !l.startsWith('config(') && !l.startsWith(`${name} `) && !l.startsWith(`${name}(`)).sort();
  return { requires: lines('--requires').filter((r) => !scriptTools.has(r)), provides: lines('--provides') };
}

function pkgshiftDeps(t: TestContext, args: string[]): { requires: string[]; provides: string[] } {
  const out = tempDir(t);
  const result = pkgshift([...args, '-p', join(out, 'x.rpm'), '--no-lint']);
  assert.equal(result.status, 0, result.stderr);
  const name = runOk('rpm', ['-qp', '--qf', '%{NAME}', join(out, 'x.rpm')]).stdout;
  return query(join(out, 'x.rpm'), name);
}

test('soname and interpreter Requires/Provides equal rpmbuild for gcc-built objects', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpm', 'gcc')) return;
  const work = tempDir(t);
  const tree = join(work, 'tree');
  buildElfTree(tree, work);
  const theirs = rpmbuildDeps(t, tree);
  const ours = pkgshiftDeps(t, ['-s', 'dir', '-t', 'rpm', '--deps', 'auto', '-n', 'demo', '-v', '1', '-C', tree, '.']);
  assert.deepEqual(ours, theirs);
  // The cases the tree was built for are all there.
  for (const dep of ['libdemo.so.1(DEMO_1.1)(64bit)', 'libm.so.6()(64bit)', 'rtld(GNU_HASH)', '/bin/sh', '/usr/bin/perl']) assert.ok(ours.requires.includes(dep), dep);
  for (const dep of ['libdemo.so.1()(64bit)', 'libdemo.so.1(DEMO_1.0)(64bit)']) assert.ok(ours.provides.includes(dep), dep);
  assert.ok(!ours.provides.some((p) => p.startsWith('plugin.so')), 'a library without soname and lib prefix provides nothing');
  assert.ok(!ours.requires.includes('/bin/bash'), 'a script without the x bit requires nothing');
});

for (const deb of ['hello_2.10-3_amd64.deb', 'passwd_1%3a4.13+dfsg1-1+deb12u2_amd64.deb', 'cron_3.0pl1-162_amd64.deb']) {
  test(`a Debian package converted to rpm lists rpmbuild's soname requirements: ${deb}`, (t) => {
    const path = join(CORPUS, 'debs', deb);
    if (!needTools(t, 'rpmbuild', 'rpm', 'dpkg-deb')) return;
    if (!existsSync(path)) return t.skip(`corpus file ${deb} is absent`);
    const tree = join(tempDir(t), 'tree');
    runOk('dpkg-deb', ['-x', path, tree]);
    const theirs = rpmbuildDeps(t, tree);
    const ours = pkgshiftDeps(t, ['-s', 'deb', '-t', 'rpm', path]);
    // Capabilities only: the input's own Provides (cron-daemon) stay beside them.
    assert.deepEqual(ours.provides.filter((p) => p.includes('(')), theirs.provides);
    // The default policy (auto) drops the input's own relations but those on packages whose commands its
    // install scripts run (cron's init-system-helpers): what remains beside them is derived.
    const declared = new Set(runOk('dpkg-deb', ['-f', path, 'Depends', 'Pre-Depends']).stdout.match(/[a-z0-9][a-z0-9.+-]+(?=[\s,(|]|$)/gm));
    assert.deepEqual(ours.requires.filter((r) => !declared.has(r.split(' ')[0]!)), theirs.requires);
    assert.ok(ours.requires.some((r) => r.startsWith('libc.so.6(GLIBC_')), 'symbol versions are there');
  });
}

test('binaries of downloaded Debian packages (when the archive is reachable)', (t) => {
  if (!needTools(t, 'rpmbuild', 'rpm', 'dpkg-deb', 'apt-get')) return;
  const dir = tempDir(t);
  const download = run('apt-get', ['download', 'jq', 'libjq1', 'libonig5'], { cwd: dir, timeout: 120_000 });
  if (download.status !== 0) return t.skip('apt-get download failed (no network?)');
  for (const deb of readdirSync(dir).filter((f) => f.endsWith('.deb'))) {
    const tree = join(dir, `${deb}.tree`);
    runOk('dpkg-deb', ['-x', join(dir, deb), tree]);
    const theirs = rpmbuildDeps(t, tree);
    const ours = pkgshiftDeps(t, ['-s', 'deb', '-t', 'rpm', join(dir, deb)]);
    assert.deepEqual(ours, theirs, deb);
  }
});

test('a file requirement on an update-alternatives link resolves against the package whose postinst makes it', (t) => {
  if (!needTools(t, 'rpm', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const deb = (name: string, files: Record<string, string>, postinst?: string) => {
    const root = join(dir, name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text, { mode: 0o755 });
    }
    mkdirSync(join(root, 'DEBIAN'), { recursive: true });
    writeFileSync(join(root, 'DEBIAN/control'), `Package: ${name}\nVersion: 1.0-1\nArchitecture: all\nMaintainer: T <t@example.org>\nDescription: t\n`);
    if (postinst) writeFileSync(join(root, 'DEBIAN/postinst'), postinst, { mode: 0o755 });
    runOk('dpkg-deb', ['--root-owner-group', '-b', root, join(dir, `${name}.deb`)]);
    const rpm = join(dir, `${name}.rpm`);
    const r = pkgshift(['-s', 'deb', '-t', 'rpm', '--no-lint', '-p', rpm, join(dir, `${name}.deb`)]);
    assert.equal(r.status, 0, r.stderr);
    return rpm;
  };
  // As mawk: /usr/bin/awk is an alternatives link its postinst makes, and a script of the package runs it.
  const awk = deb('myawk', { 'usr/bin/myawk': 'x\n', 'usr/share/myawk/demo.awk': '#!/usr/bin/awk -f\n' },
    '#!/bin/sh\nset -e\nupdate-alternatives --install /usr/bin/awk awk /usr/bin/myawk 5 \\\n  --slave /usr/bin/nawk nawk /usr/bin/myawk\n');
  const requires = runOk('rpm', ['-qp', '--requires', awk]).stdout;
  assert.match(requires, /^\/usr\/bin\/awk$/m);
  assert.deepEqual(runOk('rpm', ['-qp', '--provides', awk]).stdout.split('\n').filter((p) => p.startsWith('/')), ['/usr/bin/awk', '/usr/bin/nawk']);
  const root = join(dir, 'root');
  runOk('rpm', ['--root', root, '--initdb']);
  // Only the interpreter of the Lua scriptlets and the postinst's own needs are missing here, not /usr/bin/awk.
  const test = run('rpm', ['--root', root, '-i', '--test', awk]);
  assert.doesNotMatch(test.stderr, /\/usr\/bin\/awk is needed/);
  // Back to deb: the links are the postinst's again, not Provides, and the package needs no other for its awk.
  const back = join(dir, 'back.deb');
  const r = pkgshift(['-s', 'rpm', '-t', 'deb', '--no-lint', '-p', back, awk]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /no (deb name|Debian package) known.*\/usr\/bin\/awk/);
  assert.equal(runOk('dpkg-deb', ['-f', back, 'Provides']).stdout.trim(), '');
  assert.doesNotMatch(runOk('dpkg-deb', ['-f', back, 'Depends']).stdout, /awk/);
});
