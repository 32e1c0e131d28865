// `pkgshift repo`: incremental add, remove, prune and replace; refusals that leave the repository as it
// was; reproducible output. Real clients judge the result in test/interop/repo-*.test.ts.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gunzipSync } from 'node:zlib';
import { tempDir } from '../support/helpers.js';
import { buildPackage, repo, repoOk, treeDigest } from '../support/repo.js';

const packagesOf = (root: string, arch = 'all') => readFileSync(join(root, `dists/stable/main/binary-${arch}/Packages`), 'utf8');
const versionsIn = (packages: string) => [...packages.matchAll(/^Version: (.*)$/gm)].map((m) => m[1]);

test('apt: adding reads only the new files; the same file again changes nothing; --list shows what is there', (t) => {
  const root = join(tempDir(t), 'repo');
  const v1 = buildPackage(t, 'deb', { name: 'hello', version: '1.0' });
  assert.match(repoOk(['apt', root, v1]).stdout, /^added hello=1\.0-1 \(all\) in stable\/main$/m);
  // Damage the pool copy: a later add must not read it (the index kept in the repository says what it is).
  const pooled = join(root, 'pool/main/h/hello/hello_1.0-1_all.deb');
  writeFileSync(pooled, 'damaged');
  repoOk(['apt', root, buildPackage(t, 'deb', { name: 'world', version: '2.0' })]);
  assert.match(packagesOf(root), /^Package: hello\nVersion: 1\.0-1\n/m);
  assert.match(packagesOf(root), /^Package: world\n/m);
  writeFileSync(pooled, readFileSync(v1));
  const before = treeDigest(root);
  assert.match(repoOk(['apt', root, v1]).stdout, /^unchanged hello=1\.0-1 \(all\): already in stable\/main$/m);
  assert.deepEqual(treeDigest(root), before, 'adding the same file again rewrites nothing');
  assert.equal(repoOk(['apt', root, '--list']).stdout,
    'hello\t1.0-1\tall\tstable/main\tpool/main/h/hello/hello_1.0-1_all.deb\nworld\t2.0-1\tall\tstable/main\tpool/main/w/world/world_2.0-1_all.deb\n');
});

test('apt: --prune keeps the newest versions (dpkg order), --remove drops one; pool files go with them', (t) => {
  const root = join(tempDir(t), 'repo');
  const versions = ['1.0', '1.10', '1.9', '1.0~rc1'];
  repoOk(['apt', root, ...versions.map((version) => buildPackage(t, 'deb', { name: 'tool', version }))]);
  assert.deepEqual(versionsIn(packagesOf(root)), ['1.0-1', '1.0~rc1-1', '1.10-1', '1.9-1'], 'all versions, in dpkg-scanpackages order');
  const pruned = repoOk(['apt', root, '--prune', '2']).stdout;
  assert.match(pruned, /removed tool=1\.0-1 \(all\)/);
  assert.match(pruned, /removed tool=1\.0~rc1-1 \(all\)/);
  assert.deepEqual(versionsIn(packagesOf(root)), ['1.10-1', '1.9-1']);
  assert.ok(!existsSync(join(root, 'pool/main/t/tool/tool_1.0-1_all.deb')));
  repoOk(['apt', root, '--remove', 'tool=1.9-1']);
  assert.deepEqual(versionsIn(packagesOf(root)), ['1.10-1']);
  assert.ok(!existsSync(join(root, 'pool/main/t/tool/tool_1.9-1_all.deb')));
  assert.ok(existsSync(join(root, 'pool/main/t/tool/tool_1.10-1_all.deb')));
  const before = treeDigest(root);
  const missing = repo(['apt', root, '--remove', 'tool=9.9-1']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, "pkgshift: error: tool=9.9-1 is not in stable/main\n");
  assert.deepEqual(treeDigest(root), before);
});

test('refused: a different file with the same name and version (unless --replace), a file that is not a package, a repository that cannot be written', (t) => {
  const root = join(tempDir(t), 'repo');
  repoOk(['apt', root, buildPackage(t, 'deb', { name: 'app', version: '1.0' })]);
  const before = treeDigest(root);
  const changed = buildPackage(t, 'deb', { name: 'app', version: '1.0', content: '#!/bin/sh\necho rebuilt\n' });
  const refused = repo(['apt', root, buildPackage(t, 'deb', { name: 'other', version: '1' }), changed]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /^pkgshift: error: .*app_1\.0-1_all\.deb: app=1\.0-1 \(all\) is already in stable\/main with different content \(use --replace to replace it\)\n$/);
  assert.deepEqual(treeDigest(root), before, 'nothing of the refused run was kept, not even the other package');

  const notDeb = join(tempDir(t), 'notes.deb');
  writeFileSync(notDeb, 'just text\n');
  const bad = repo(['apt', root, notDeb]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^pkgshift: error: .*notes\.deb is not a readable \.deb package \(.*\)\n$/);
  assert.deepEqual(treeDigest(root), before);
  const badRpm = repo(['rpm', join(tempDir(t), 'r'), notDeb]);
  assert.match(badRpm.stderr, /^pkgshift: error: .*notes\.deb is not a readable binary \.rpm package \(.*\)\n$/);

  const blocker = join(tempDir(t), 'file');
  writeFileSync(blocker, '');
  const unwritable = repo(['apt', join(blocker, 'repo'), changed]);
  assert.equal(unwritable.status, 1);
  assert.match(unwritable.stderr, /^pkgshift: error: cannot write to the repository .*file\/repo: not a directory.*\n$/);

  mkdirSync(join(root, '.pkgshift-staging'));
  const locked = repo(['apt', root, '--replace', changed]);
  assert.match(locked.stderr, /^pkgshift: error: another pkgshift is updating .*\/repo \(if none is, a killed one left .*: remove it\)\n$/);
  rmdirSync(join(root, '.pkgshift-staging'));
  assert.deepEqual(treeDigest(root), before);

  assert.match(repoOk(['apt', root, '--replace', changed]).stdout, /^replaced app=1\.0-1 \(all\) in stable\/main$/m);
  assert.deepEqual(readFileSync(join(root, 'pool/main/a/app/app_1.0-1_all.deb')), readFileSync(changed));
});

test('rpm: incremental add, --prune and --remove by [epoch:]version-release', (t) => {
  const root = join(tempDir(t), 'repo');
  repoOk(['rpm', root, buildPackage(t, 'rpm', { name: 'svc', version: '1.0' }), buildPackage(t, 'rpm', { name: 'svc', version: '1.1' })]);
  repoOk(['rpm', root, buildPackage(t, 'rpm', { name: 'svc', version: '2.0' })]);
  const primary = () => {
    const href = /<location href="(repodata\/\w+-primary\.xml\.gz)"/.exec(readFileSync(join(root, 'repodata/repomd.xml'), 'utf8'))![1]!;
    return gunzipSync(readFileSync(join(root, href))).toString('utf8');
  };
  assert.match(primary(), /packages="3"/);
  repoOk(['rpm', root, '--prune', '2']);
  assert.match(primary(), /packages="2"/);
  assert.doesNotMatch(primary(), /ver="1\.0"/);
  repoOk(['rpm', root, '--remove', 'svc=1.1-1']);
  assert.match(primary(), /packages="1"/);
  assert.match(primary(), /<location href="Packages\/s\/svc-2\.0-1\.noarch\.rpm"\/>/);
  assert.deepEqual(readdirSync(join(root, 'Packages/s')), ['svc-2.0-1.noarch.rpm']);
  const repomdFiles = readdirSync(join(root, 'repodata'));
  assert.equal(repomdFiles.filter((f) => f.endsWith('-primary.xml.gz')).length, 2, 'the previous generation is kept for clients in flight');
});

test('with SOURCE_DATE_EPOCH two runs write byte-identical repositories', (t) => {
  const debs = [buildPackage(t, 'deb', { name: 'aa', version: '1' }), buildPackage(t, 'deb', { name: 'bb', version: '1', arch: 'amd64' })];
  const rpms = [buildPackage(t, 'rpm', { name: 'aa', version: '1' })];
  const [one, two] = [join(tempDir(t), 'repo'), join(tempDir(t), 'repo')];
  for (const root of [one, two]) {
    repoOk(['apt', root, '--dist', 'bookworm', '--component', 'contrib', ...debs]);
    repoOk(['rpm', join(root, 'rpm'), ...rpms]);
  }
  assert.deepEqual(treeDigest(one, false), treeDigest(two, false));
  assert.match(readFileSync(join(one, 'dists/bookworm/Release'), 'utf8'), /^Date: Tue, 14 Nov 2023 22:13:20 UTC$/m);
});

test('usage: nothing to do, and a bad --prune, are one-line errors', (t) => {
  const root = join(tempDir(t), 'repo');
  assert.equal(repo(['apt', root]).stderr, 'pkgshift: error: give package files to add, --remove, --prune or --list\n');
  const prune = repo(['rpm', root, '--prune', 'x']);
  assert.equal(prune.status, 2);
  assert.equal(prune.stderr, 'pkgshift: error: --prune takes a number of versions to keep (1 or more), not NaN\n');
  assert.ok(!existsSync(root), 'a refused first run leaves no directory behind');
});
