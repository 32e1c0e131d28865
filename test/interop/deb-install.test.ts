// dpkg -i is the judge (docs/FORMATS.md §0.1): its own tar unpacker rejects what dpkg-deb -c accepts.
// Every compression, with long and UTF-8 paths, long symlink targets, hardlinks, an empty dir,
// setuid, non-root owners; then dpkg --verify, and the installed files checked one by one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, readFileSync, readlinkSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileEntry } from '../../src/core/model.js';
import { dir, dpkg, dpkgRoot, file, hardlink, model, symlink, writeDeb } from '../support/deb.js';
import { needTools, runOk, tempDir } from '../support/helpers.js';

const BASE = '/usr/share/pkgshift-test';
const SEGMENT = 'a-directory-name-of-sixty-bytes-to-make-the-path-long-enough';
const LONG_DIR = `${BASE}/${SEGMENT}/${SEGMENT}/${SEGMENT}/${SEGMENT}`; // > 255 bytes with a file in it
const OVER_100 = `${BASE}/${SEGMENT}/file-beyond-one-hundred-bytes.txt`;
const OVER_255 = `${LONG_DIR}/file-beyond-two-hundred-fifty-five-bytes.txt`;
const UTF8 = `${BASE}/ünïcødé-文件-😀.txt`;

function tricky(): FileEntry[] {
  return [
    file(OVER_100, 'over 100\n'),
    file(OVER_255, 'over 255\n'),
    file(UTF8, 'utf-8 name\n'),
    symlink(`${BASE}/long-link`, `./${SEGMENT}/../${SEGMENT}/file-beyond-one-hundred-bytes.txt`),
    file(`${BASE}/hard-a`, 'shared inode\n', { mode: 0o640 }),
    hardlink(`${BASE}/hard-b`, `${BASE}/hard-a`),
    hardlink(`${BASE}/sub/hard-c`, `${BASE}/hard-a`),
    dir(`${BASE}/empty-dir`, { mode: 0o750 }),
    file('/usr/bin/pkgshift-test-setuid', '#!/bin/sh\necho hi\n', { mode: 0o4755 }),
    file(`${BASE}/owned-by-daemon`, 'daemon\n', { uid: 1, gid: 1, user: 'daemon', group: 'daemon', mode: 0o600 }),
    file(`${BASE}/owned-by-unknown-name`, 'ids\n', { uid: 4321, gid: 4322, user: 'pkgshift-no-such-user', group: 'pkgshift-no-such-group' }),
    dir(`${BASE}/daemon-dir`, { uid: 1, gid: 1, user: 'daemon', group: 'daemon', mode: 0o2775 }),
    file(`${BASE}/empty-file`, ''),
    file(`${BASE}/big.bin`, Buffer.alloc(300_000, 7)),
  ];
}

for (const compression of ['xz', 'gzip', 'zstd', 'none']) {
  test(`dpkg -i installs a ${compression} deb with tricky entries, and dpkg --verify is clean`, async (t) => {
    if (!needTools(t, 'dpkg')) return;
    const work = tempDir(t);
    const pkg = model(tricky(), { name: `pkgshift-install-${compression}` });
    const { path } = await writeDeb(pkg, work, { debCompression: compression });
    const members = runOk('ar', ['t', path]).stdout.split('\n').filter(Boolean);
    const suffix = compression === 'none' ? '' : { xz: '.xz', gzip: '.gz', zstd: '.zst' }[compression];
    assert.deepEqual(members, ['debian-binary', `control.tar${suffix}`, `data.tar${suffix}`]);

    const root = dpkgRoot(t);
    dpkg(root, '-i', path);
    const verify = dpkg(root, '--verify', pkg.metadata.name);
    assert.equal(verify.stdout + verify.stderr, '');
    const status = dpkg(root, '-s', pkg.metadata.name).stdout;
    assert.match(status, /^Status: install ok installed$/m);

    for (const entry of pkg.files) {
      const onDisk = join(root, entry.path);
      const st = lstatSync(onDisk);
      if (entry.type === 'symlink') {
        assert.ok(st.isSymbolicLink(), `${entry.path} is a symlink`);
        assert.equal(readlinkSync(onDisk), entry.target);
        continue;
      }
      assert.equal(st.mode & 0o7777, entry.mode, `${entry.path} mode`);
      assert.equal(st.uid, entry.uid, `${entry.path} uid`);
      assert.equal(st.gid, entry.gid, `${entry.path} gid`);
      if (entry.type === 'dir') {
        assert.ok(st.isDirectory(), `${entry.path} is a directory`);
      } else if (entry.type === 'file') {
        assert.equal(st.size, entry.size, `${entry.path} size`);
      } else {
        assert.equal(st.ino, statSync(join(root, entry.target!)).ino, `${entry.path} shares the inode of ${entry.target}`);
      }
    }
    assert.equal(readFileSync(join(root, OVER_255), 'utf8'), 'over 255\n');
    assert.equal(readFileSync(join(root, UTF8), 'utf8'), 'utf-8 name\n');
    assert.equal(readFileSync(join(root, BASE, 'long-link'), 'utf8'), 'over 100\n');
    assert.equal(readFileSync(join(root, BASE, 'sub/hard-c'), 'utf8'), 'shared inode\n');
    assert.equal(statSync(join(root, BASE, 'hard-a')).nlink, 3);
    assert.deepEqual(readdirSync(join(root, BASE, 'empty-dir')), []);
    assert.ok(readFileSync(join(root, BASE, 'big.bin')).equals(Buffer.alloc(300_000, 7)));
    assert.ok(OVER_255.length > 255 && Buffer.byteLength(`${BASE}/long-link`) < 100);
    assert.ok(pkg.files.find((f) => f.type === 'symlink')!.target!.length > 100);

    // dpkg's own list of the package's files is exactly the model's, plus the changelog every deb gets
    // when it brings none (README "Changelogs") and its parent directories.
    const doc = `/usr/share/doc/${pkg.metadata.name}`;
    const listed = dpkg(root, '-L', pkg.metadata.name).stdout.split('\n').filter((l) => l && l !== '/.');
    assert.deepEqual(listed.sort(), [...pkg.files.map((f) => f.path), '/usr/share/doc', doc, `${doc}/changelog.Debian.gz`].sort());
  });
}

test('dpkg --verify notices a file changed after install (md5sums are real)', async (t) => {
  if (!needTools(t, 'dpkg')) return;
  const work = tempDir(t);
  const pkg = model([file('/usr/share/pkgshift-test/a', 'a\n'), file('/usr/share/pkgshift-test/b', 'b\n'),
    hardlink('/usr/share/pkgshift-test/c', '/usr/share/pkgshift-test/b')], { name: 'pkgshift-verify' });
  const { path } = await writeDeb(pkg, work);
  const root = dpkgRoot(t);
  dpkg(root, '-i', path);
  runOk('sh', ['-c', `echo changed > "${root}/usr/share/pkgshift-test/b"`]);
  const verify = runOk('sh', ['-c', `dpkg --root="${root}" --verify pkgshift-verify; echo "exit $?"`]).stdout;
  assert.match(verify, /^\?\?5\?\?\?\?\?\? {2}\s*\/usr\/share\/pkgshift-test\/b$/m);
  assert.match(verify, /^\?\?5\?\?\?\?\?\? {2}\s*\/usr\/share\/pkgshift-test\/c$/m);
  assert.doesNotMatch(verify, /pkgshift-test\/a$/m);
});
