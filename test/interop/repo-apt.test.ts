// apt repositories written by `pkgshift repo apt`, judged by apt itself: apt-get update checks the
// InRelease signature against the signed-by keyring and the index hashes; apt-get install resolves and
// installs into a throw-away root. The Packages stanzas are compared with dpkg-scanpackages'.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CORPUS, needTools, run, runOk, tempDir } from '../support/helpers.js';
import { makeGpgKey } from '../support/gpg.js';
import { AptRoot, buildPackage, haveCorpus, repoOk } from '../support/repo.js';

function nativeArch(): string {
  return runOk('dpkg', ['--print-architecture']).stdout.trim();
}

/** A signed repository with myapp (native arch) depending on mylib (all). */
function signedRepository(t: TestContext) {
  const key = makeGpgKey(t, 'ed25519');
  const dir = tempDir(t);
  const root = join(dir, 'repo');
  const lib = buildPackage(t, 'deb', { name: 'mylib', version: '1.0' });
  const app = buildPackage(t, 'deb', { name: 'myapp', version: '2.0', arch: nativeArch(), args: ['-d', 'mylib (>= 1.0)'] });
  repoOk(['apt', root, '--dist', 'stable', '--component', 'main', '--sign-key', key.secretFile, app, lib]);
  return { key, root };
}

test('apt-get update and install from a signed pkgshift repository (signed-by keyring checked)', (t) => {
  if (!needTools(t, 'apt-get', 'dpkg', 'gpg')) return;
  const { root } = signedRepository(t);
  const apt = new AptRoot(t, `deb [signed-by=${root}/repo-key.gpg] file:${root} stable main`);
  const update = apt.aptGet(['update']);
  assert.equal(update.status, 0, update.stdout + update.stderr);
  assert.doesNotMatch(update.stdout + update.stderr, /^(W|E):/m, 'no warning or error from apt-get update');
  const install = apt.aptGet(['install', '-y', 'myapp']);
  assert.equal(install.status, 0, install.stdout + install.stderr);
  assert.match(install.stdout, /Setting up mylib \(1\.0-1\)/, 'the dependency came from the repository');
  assert.match(readFileSync(join(apt.path, 'usr/bin/myapp'), 'utf8'), /echo myapp 2\.0/);
  assert.match(runOk('dpkg', ['--root', apt.path, '-s', 'myapp']).stdout, /^Status: install ok installed$/m);
});

test('apt-get refuses the repository when a Packages file, the InRelease or the key does not match', (t) => {
  if (!needTools(t, 'apt-get', 'dpkg', 'gpg')) return;
  const { root } = signedRepository(t);
  const arch = nativeArch();
  const listing = join(root, `dists/stable/main/binary-${arch}`);
  // A changed Packages file (every form of it, in place, so its by-hash names change content too).
  const packages = readFileSync(join(listing, 'Packages'), 'utf8').replace('Depends: mylib (>= 1.0)', 'Depends: mylib (>= 0.1)');
  writeFileSync(join(listing, 'Packages'), packages);
  writeFileSync(join(listing, 'Packages.gz'), gzipSync(packages));
  runOk('sh', ['-c', `xz -c '${join(listing, 'Packages')}' > '${join(listing, 'Packages.xz')}'`]);
  const tampered = new AptRoot(t, `deb [signed-by=${root}/repo-key.gpg] file:${root} stable main`).aptGet(['update']);
  assert.notEqual(tampered.status, 0, 'a changed Packages file must fail apt-get update');
  assert.match(tampered.stdout + tampered.stderr, /Hash Sum mismatch|File has unexpected size/);

  const fresh = signedRepository(t).root;
  const inRelease = join(fresh, 'dists/stable/InRelease');
  writeFileSync(inRelease, readFileSync(inRelease, 'utf8').replace('Suite: stable', 'Suite: stab1e'));
  const badSignature = new AptRoot(t, `deb [signed-by=${fresh}/repo-key.gpg] file:${fresh} stable main`).aptGet(['update']);
  assert.notEqual(badSignature.status, 0);
  assert.match(badSignature.stdout + badSignature.stderr, /signatures (were invalid|couldn't be verified)|BADSIG|is not signed/);

  const other = signedRepository(t);
  const wrongKey = new AptRoot(t, `deb [signed-by=${other.root}/repo-key.gpg] file:${root} stable main`).aptGet(['update']);
  assert.notEqual(wrongKey.status, 0, 'a keyring without the signing key must fail');
  assert.match(wrongKey.stdout + wrongKey.stderr, /NO_PUBKEY|not signed|couldn't be verified/);
});

test('Packages stanzas are the ones dpkg-scanpackages writes, for Debian debs and pkgshift debs', (t) => {
  if (!needTools(t, 'dpkg-scanpackages') || !haveCorpus(t)) return;
  const debs = readdirSync(join(CORPUS, 'debs')).filter((f) => f.endsWith('.deb') && !f.startsWith('repack-')).map((f) => join(CORPUS, 'debs', f));
  debs.push(buildPackage(t, 'deb', { name: 'libpkgshift-demo', version: '1.0', args: ['--url', 'https://example.org', '--provides', 'demo'] }));
  const root = join(tempDir(t), 'repo');
  repoOk(['apt', root, '--quiet', ...debs]);
  const stanzas = (text: string) => new Map(text.trim().split(/\n\n+/).map((s) => [/^Filename: (.*)$/m.exec(s)![1]!, s]));
  const ours = stanzas(readdirSync(join(root, 'dists/stable/main')).map((dir) => readFileSync(join(root, 'dists/stable/main', dir, 'Packages'), 'utf8')).join('\n'));
  const theirs = stanzas(runOk('dpkg-scanpackages', ['-m', 'pool'], { cwd: root }).stdout);
  assert.equal(ours.size, debs.length);
  assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort());
  for (const [file, stanza] of theirs) assert.equal(ours.get(file), stanza, file);
  assert.ok(ours.has('pool/main/libp/libpkgshift-demo/libpkgshift-demo_1.0-1_all.deb'), 'lib* sources go under a four-letter prefix');
});

test('Release lists every index with its size and checksums; the signatures verify with gpgv', (t) => {
  if (!needTools(t, 'gpg', 'gpgv')) return;
  const { root } = signedRepository(t);
  const dist = join(root, 'dists/stable');
  const release = readFileSync(join(dist, 'Release'), 'utf8');
  assert.match(release, /^Suite: stable\nCodename: stable\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d UTC\n/);
  assert.match(release, new RegExp(`^Architectures: all ${nativeArch()}$`, 'm'));
  const sha256 = release.slice(release.indexOf('SHA256:'));
  for (const line of sha256.split('\n').slice(1).filter(Boolean)) {
    const [hash, size, path] = line.trim().split(/\s+/);
    const content = readFileSync(join(dist, path!));
    assert.equal(String(content.length), size, path);
    assert.equal(runOk('sha256sum', [join(dist, path!)]).stdout.split(' ')[0], hash, path);
    assert.deepEqual(readFileSync(join(dist, path!.replace(/Packages.*$/, ''), 'by-hash/SHA256', hash!)), content, `by-hash copy of ${path}`);
  }
  runOk('gpgv', ['--keyring', join(root, 'repo-key.gpg'), join(dist, 'InRelease')]);
  runOk('gpgv', ['--keyring', join(root, 'repo-key.gpg'), join(dist, 'Release.gpg'), join(dist, 'Release')]);
  const extracted = run('gpgv', ['--keyring', join(root, 'repo-key.gpg'), '--output', '-', join(dist, 'InRelease')]).stdout;
  assert.equal(extracted, release);
});
