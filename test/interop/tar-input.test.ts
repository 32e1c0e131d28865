// tar input, end to end through the CLI: tarballs made by GNU tar with every compression, long and
// UTF-8 names, links; read back by GNU tar from our tar output and installed by dpkg and rpm.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { outputs } from '../../src/registry.js';
import { snapshot } from '../support/archive-tree.js';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';
import { LONG_FILE, UTF8_FILE, makeTree } from '../support/tree.js';

const COMPRESSIONS: [string, string[]][] = [
  ['tar', []], ['tar.gz', ['--gzip']], ['tar.xz', ['--xz']], ['tar.zst', ['--zstd']], ['tar.bz2', ['--bzip2']],
];

/** A source tree `myapp-1.2.0/…` (every kind of entry) in `dir`; returns the tree's path. */
function sourceTree(dir: string): string {
  const top = join(dir, 'src', 'myapp-1.2.0');
  mkdirSync(top, { recursive: true });
  makeTree(top);
  return top;
}

function gnuTar(dir: string, file: string, flags: string[], format = 'gnu'): string {
  const path = join(dir, file);
  runOk('tar', ['-c', `--format=${format}`, ...flags, '-f', path, '-C', join(dir, 'src'), 'myapp-1.2.0']);
  return path;
}

test('tar input: every compression and format reads back, through our tar output, as the same tree', (t) => {
  if (!needTools(t, 'tar', 'xz', 'zstd', 'bzip2')) return;
  const dir = tempDir(t);
  const top = sourceTree(dir);
  const expected = snapshot(top);
  assert.ok(expected.entries.has(LONG_FILE) && expected.entries.has(UTF8_FILE));
  const cases = [...COMPRESSIONS.map(([ext, flags]) => ({ ext, flags, format: 'gnu' })), { ext: 'tar.gz', flags: ['--gzip'], format: 'pax' }];
  for (const { ext, flags, format } of cases) {
    const input = gnuTar(dir, `myapp-1.2.0-${format}.${ext}`, flags, format);
    const out = join(dir, `out-${format}-${ext}.tar`);
    // no -s: the input type is sniffed from the magic bytes
    const result = pkgshift(['-t', 'tar', '--compression', 'none', '--strip-components', '1', '--prefix', '/opt/myapp', '-p', out, input]);
    assert.equal(result.status, 0, `${format} ${ext}: ${result.stderr}`);
    const root = join(dir, `x-${format}-${ext}`);
    mkdirSync(root);
    runOk('tar', ['-x', '-f', out, '-C', root]);
    const got = snapshot(join(root, 'opt', 'myapp'));
    assert.deepEqual([...got.entries], [...expected.entries], `${format} ${ext}: tree differs`);
    assert.deepEqual(got.hardlinks, expected.hardlinks, `${format} ${ext}: hardlinks differ`);
    assert.ok(got.hardlinks.some((g) => g.includes('bin/tool-hardlink')), 'the hardlink survives as a hardlink');
  }
});

test('tar input: owners become root:root unless --keep-owners', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  sourceTree(dir);
  const input = gnuTar(dir, 'owned.tar', ['--owner=alice:1234', '--group=staff:5678']);
  const listing = (extra: string[]) => {
    const out = join(dir, `out${extra.length}.tar`);
    const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'owned', '--compression', 'none', '-p', out, ...extra, input]);
    assert.equal(r.status, 0, r.stderr);
    return runOk('tar', ['-tvf', out]).stdout.split('\n').filter((l) => l.includes('bin/tool-symlink') || (l.endsWith('/bin/tool') && !l.includes(' link to ')));
  };
  const plain = listing([]);
  assert.equal(plain.length, 2);
  for (const line of plain) assert.match(line, / root\/root /);
  const kept = listing(['--keep-owners']);
  for (const line of kept) assert.match(line, / alice\/staff /);
  const numeric = runOk('tar', ['--numeric-owner', '-tvf', join(dir, 'out1.tar')]).stdout;
  assert.match(numeric, / 1234\/5678 .*bin\/tool\n/);
});

test('tar input: name and version guessed from the file name, and said; -n/-v override', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  sourceTree(dir);
  const input = gnuTar(dir, 'myapp-1.2.0-linux-x64.tar.gz', ['--gzip']);
  const out = join(dir, 'out');
  mkdirSync(out);
  const guessed = pkgshift(['-s', 'tar', '-t', 'tar', '-p', out, input]);
  assert.equal(guessed.status, 0, guessed.stderr);
  assert.equal(guessed.stdout.trim(), join(out, 'myapp-1.2.0.tar.gz'));
  assert.match(guessed.stderr, /name 'myapp' and version '1\.2\.0' guessed from the file name myapp-1\.2\.0-linux-x64\.tar\.gz/);
  const given = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'other', '-v', '3.0', '-p', out, input]);
  assert.equal(given.status, 0, given.stderr);
  assert.equal(given.stdout.trim(), join(out, 'other-3.0.tar.gz'));
  assert.doesNotMatch(given.stderr, /guessed/);
});

test('tar input: reproducible with SOURCE_DATE_EPOCH', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  sourceTree(dir);
  const input = gnuTar(dir, 'myapp-1.2.0.tar.xz', ['--xz']);
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
  for (const name of ['a.tar.gz', 'b.tar.gz']) {
    const r = pkgshift(['-t', 'tar', '-p', join(dir, name), input], { env });
    assert.equal(r.status, 0, r.stderr);
  }
  assert.ok(readFileSync(join(dir, 'a.tar.gz')).equals(readFileSync(join(dir, 'b.tar.gz'))));
});

test('tar input → deb: dpkg installs it, with the tree, links and an ELF architecture', (t) => {
  if (!needTools(t, 'tar', 'dpkg', 'dpkg-deb')) return;
  const dir = tempDir(t);
  const top = sourceTree(dir);
  copyFileSync('/bin/true', join(top, 'bin', 'true-copy')); // a small ELF for this machine
  const input = gnuTar(dir, 'myapp-1.2.0.tar.gz', ['--gzip']);
  const deb = join(dir, 'myapp.deb');
  const r = pkgshift(['-s', 'tar', '-t', 'deb', '--strip-components', '1', '--prefix', '/opt/myapp', '-m', 'T <t@example.org>', '-p', deb, input]);
  assert.equal(r.status, 0, r.stderr);
  const native = runOk('dpkg', ['--print-architecture']).stdout.trim();
  assert.equal(runOk('dpkg-deb', ['-f', deb, 'Architecture']).stdout.trim(), native);
  const root = dpkgRoot(t);
  dpkg(root, '-i', deb);
  dpkg(root, '--verify', 'myapp');
  const installed = join(root, 'opt', 'myapp');
  assert.equal(readlinkSync(join(installed, 'bin/tool-symlink')), 'tool');
  assert.equal(readFileSync(join(installed, LONG_FILE), 'utf8'), 'long\n');
  assert.equal(readFileSync(join(installed, UTF8_FILE), 'utf8'), 'utf8\n');
  assert.ok(snapshot(installed).hardlinks.some((g) => g.includes('bin/tool-hardlink')));
});

test('tar input → rpm: rpm installs it and verifies it', (t) => {
  if (!outputs.some((o) => o.name === 'rpm')) {
    t.skip('the rpm output is not registered yet');
    return;
  }
  if (!needTools(t, 'tar', 'rpm')) return;
  const dir = tempDir(t);
  sourceTree(dir);
  const input = gnuTar(dir, 'myapp-1.2.0.tar.zst', ['--zstd']);
  const rpm = join(dir, 'myapp.rpm');
  const r = pkgshift(['-s', 'tar', '-t', 'rpm', '--strip-components', '1', '--prefix', '/opt/myapp', '-p', rpm, input]);
  assert.equal(r.status, 0, r.stderr);
  const root = tempDir(t, 'pkgshift-rpm-root-');
  const db = ['--root', root, '--dbpath', '/var/lib/rpm'];
  runOk('rpm', [...db, '--initdb']);
  runOk('rpm', [...db, '-i', '--nodeps', '--noscripts', rpm]);
  runOk('rpm', [...db, '-V', 'myapp']);
  const installed = join(root, 'opt', 'myapp');
  assert.equal(readlinkSync(join(installed, 'bin/tool-symlink')), 'tool');
  assert.equal(readFileSync(join(installed, UTF8_FILE), 'utf8'), 'utf8\n');
  assert.ok(snapshot(installed).hardlinks.some((g) => g.includes('bin/tool-hardlink')));
});

test('tar input: a FIFO in the tarball is kept, and GNU tar extracts it from the output as a FIFO', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  const top = sourceTree(dir);
  runOk('mkfifo', [join(top, 'fifo')]);
  const input = gnuTar(dir, 'special.tar', []);
  const out = join(dir, 'out.tar');
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 's', '--compression', 'none', '-p', out, input]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(runOk('tar', ['-tvf', out]).stdout, /^p[-rwx]{9} .*\.\/myapp-1\.2\.0\/fifo$/m);
});

test('tar input: a symlinked directory in the tree is kept as a link, not followed', (t) => {
  if (!needTools(t, 'tar')) return;
  const dir = tempDir(t);
  const top = sourceTree(dir);
  symlinkSync('bin', join(top, 'bin-link'));
  const input = gnuTar(dir, 'links.tar', []);
  const out = join(dir, 'out.tar');
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'l', '--compression', 'none', '-p', out, input]);
  assert.equal(r.status, 0, r.stderr);
  const root = join(dir, 'x');
  mkdirSync(root);
  runOk('tar', ['-xf', out, '-C', root]);
  assert.equal(readlinkSync(join(root, 'myapp-1.2.0', 'bin-link')), 'bin');
  assert.deepEqual(readdirSync(join(root, 'myapp-1.2.0', 'bin')).sort(), ['suid', 'tool', 'tool-hardlink', 'tool-symlink']);
  assert.equal(run('tar', ['-tf', out]).stdout.includes('bin-link/tool'), false);
});
