// rpm output installed by the real rpm into throw-away roots (docs/ARCHITECTURE.md), with every payload
// compression: long and UTF-8 paths, symlinks, hardlinks, empty dirs, setuid files, non-root owners;
// `rpm -V` must then be clean, and `rpm -e` must remove what the package owns.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { needTools, tempDir } from '../support/helpers.js';
import { RpmRoot, buildRpm, queryFormat } from '../support/rpm.js';
import { LONG_FILE, LONG_TARGET, UTF8_FILE, makeTree } from '../support/tree.js';

for (const compression of ['xz', 'zstd', 'gzip', 'none']) {
  test(`rpm -i installs a ${compression} package with every kind of entry; rpm -V is clean; rpm -e removes it`, (t) => {
    if (!needTools(t, 'rpm')) return;
    const dir = tempDir(t);
    const build = join(dir, 'build');
    makeTree(build);
    writeFileSync(join(build, 'with space.txt'), 'spaced\n');
    const pkg = buildRpm(dir, ['-s', 'dir', '-n', `tree-${compression}`, '-v', '1.0', '-a', 'all', '--license', 'MIT',
      '--description', 'Tree\nAll kinds of entries.', '--rpm-compression', compression, `${build}=/opt/tree`]);
    assert.equal(queryFormat(pkg, '%{PAYLOADCOMPRESSOR}'), compression === 'none' ? 'identity' : compression);

    const root = new RpmRoot(t);
    root.rpmOk(['-i', pkg]); // no --nodeps: the package requires nothing rpm itself does not provide
    const at = (rel: string) => join(root.path, 'opt/tree', rel);
    assert.equal(readFileSync(at('bin/tool'), 'utf8'), '#!/bin/sh\necho tool\n');
    assert.equal(lstatSync(at('bin/tool')).ino, lstatSync(at('bin/tool-hardlink')).ino, 'hardlink kept');
    assert.equal(readlinkSync(at('bin/tool-symlink')), 'tool');
    assert.equal(readlinkSync(at('share/long-link')), LONG_TARGET);
    assert.equal(lstatSync(at('bin/suid')).mode & 0o7777, 0o4755);
    assert.ok(lstatSync(at('empty')).isDirectory());
    assert.equal(readFileSync(at(LONG_FILE), 'utf8'), 'long\n');
    assert.equal(readFileSync(at(UTF8_FILE), 'utf8'), 'utf8\n');
    assert.equal(readFileSync(at('share/data.txt'), 'utf8'), 'x'.repeat(100_000));
    assert.equal(readFileSync(at('with space.txt'), 'utf8'), 'spaced\n');

    const verify = root.rpm(['-V', `tree-${compression}`]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.equal(verify.stdout, '');

    root.rpmOk(['-e', `tree-${compression}`]);
    assert.ok(!existsSync(join(root.path, 'opt/tree')), 'the owned tree is removed');
  });
}

test('non-root owners are installed and verified by name', (t) => {
  if (!needTools(t, 'rpm')) return;
  const dir = tempDir(t);
  mkdirSync(join(dir, 'srv/app/data'), { recursive: true });
  writeFileSync(join(dir, 'srv/app/data/state'), 'state\n');
  const pkg = buildRpm(dir, ['-s', 'dir', '-n', 'owned', '-v', '1.0', '-a', 'all', '--license', 'MIT',
    '--description', 'Owned\nOwned by daemon.', '--owner', 'daemon', '--group', 'daemon', '--directories', '/srv/app',
    '-C', dir, 'srv']);
  assert.equal(queryFormat(pkg, '[%{FILENAMES}:%{FILEUSERNAME}:%{FILEGROUPNAME}\n]'),
    '/srv/app:daemon:daemon\n/srv/app/data:daemon:daemon\n/srv/app/data/state:daemon:daemon\n');
  const root = new RpmRoot(t);
  // rpm resolves owner names inside the root: give it the accounts, as a real system has them.
  mkdirSync(join(root.path, 'etc'));
  writeFileSync(join(root.path, 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\ndaemon:x:1:1::/:/bin/false\n');
  writeFileSync(join(root.path, 'etc/group'), 'root:x:0:\ndaemon:x:1:\n');
  const installed = root.rpmOk(['-i', pkg]);
  assert.doesNotMatch(installed.stderr, /does not exist/);
  const st = lstatSync(join(root.path, 'srv/app/data/state'));
  assert.deepEqual([st.uid, st.gid], [1, 1]);
  const verify = root.rpm(['-V', 'owned']);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
});
