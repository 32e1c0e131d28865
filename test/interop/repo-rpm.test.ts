// rpm-md repositories written by `pkgshift repo rpm`, judged by createrepo_c (the same XML for the
// same rpms) and dnf (install with gpgcheck and repo_gpgcheck into a throw-away root).
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { CORPUS, needTools, run, runOk, tempDir } from '../support/helpers.js';
import { makeGpgKey } from '../support/gpg.js';
import { EPOCH, buildPackage, haveCorpus, repo, repoOk, treeDigest } from '../support/repo.js';

function repodataXml(root: string, type: string): string {
  const file = readdirSync(join(root, 'repodata')).find((f) => f.endsWith(`-${type}.xml.gz`))!;
  return gunzipSync(readFileSync(join(root, 'repodata', file))).toString('utf8');
}

test('repodata: primary, filelists and other are the XML createrepo_c writes for the same rpms', (t) => {
  if (!needTools(t, 'createrepo_c') || !haveCorpus(t)) return;
  const rpms = readdirSync(join(CORPUS, 'rpms')).filter((f) => f.endsWith('.rpm')).map((f) => join(CORPUS, 'rpms', f));
  rpms.push(buildPackage(t, 'rpm', { name: 'pkgshift-demo', version: '1.0', args: ['-d', 'bash >= 4', '--provides', 'demo = 1'] }));
  const root = join(tempDir(t), 'repo');
  repoOk(['rpm', root, '--quiet', ...rpms]);
  // createrepo_c on a copy of the same package tree, dated like ours.
  const theirs = join(tempDir(t), 'repo');
  cpSync(join(root, 'Packages'), join(theirs, 'Packages'), { recursive: true, preserveTimestamps: true });
  runOk('createrepo_c', ['--no-database', '--revision', EPOCH, '--set-timestamp-to-revision', theirs]);
  for (const type of ['primary', 'filelists', 'other']) {
    const ours = repodataXml(root, type);
    assert.match(ours, new RegExp(`packages="${rpms.length}"`));
    assert.equal(ours, repodataXml(theirs, type), `${type}.xml differs from createrepo_c's`);
  }
  // repomd.xml: the same records but for the compressed files' own checksums and sizes (another gzip).
  const normalize = (text: string) => text.replace(/<checksum type="sha256">\w+</g, '<checksum>').replace(/href="[^"]+"/g, 'href')
    .replace(/<size>\d+</g, '<size>');
  assert.equal(normalize(readFileSync(join(root, 'repodata/repomd.xml'), 'utf8')), normalize(readFileSync(join(theirs, 'repodata/repomd.xml'), 'utf8')));
});

function dnfInstall(t: TestContext, root: string, name: string) {
  const install = tempDir(t, 'pkgshift-dnfroot-');
  return run('dnf', ['-y', `--installroot=${install}`, '--setopt=reposdir=/dev/null', `--setopt=cachedir=${join(install, 'cache')}`,
    '--releasever=1', '--disableplugin=*', `--repofrompath=pkgshift,file://${root}`, '--setopt=pkgshift.gpgcheck=1',
    '--setopt=pkgshift.repo_gpgcheck=1', `--setopt=pkgshift.gpgkey=file://${root}/repo-key.asc`, 'install', name]);
}

test('dnf installs from a signed pkgshift repository with gpgcheck=1 and repo_gpgcheck=1, and refuses a changed repomd.xml', (t) => {
  if (!needTools(t, 'dnf', 'gpg', 'rpmsign')) return;
  const key = makeGpgKey(t, 'rsa2048');
  const rpm = buildPackage(t, 'rpm', { name: 'dnfdemo', version: '1.0' });
  // The packages themselves signed by rpmsign with the same key (gpgcheck checks them).
  runOk('rpmsign', ['--define', '__gpg /usr/bin/gpg', '--define', `_gpg_name ${key.uid}`, '--define',
    '_gpg_sign_cmd_extra_args --pinentry-mode loopback --passphrase ""', '--addsign', rpm], { env: { ...process.env, GNUPGHOME: key.home } });
  const root = join(tempDir(t), 'repo');
  repoOk(['rpm', root, '--sign-key', key.secretFile, rpm]);
  const installed = dnfInstall(t, root, 'dnfdemo');
  assert.equal(installed.status, 0, installed.stdout + installed.stderr);
  assert.match(installed.stdout, /Installed:\s+dnfdemo-1\.0-1\.noarch/);

  const repomd = join(root, 'repodata/repomd.xml');
  writeFileSync(repomd, readFileSync(repomd, 'utf8').replace('<revision>', '<revision>1'));
  const refused = dnfInstall(t, root, 'dnfdemo');
  assert.match(refused.stdout + refused.stderr, /repomd\.xml GPG signature verification error/);
  assert.doesNotMatch(refused.stdout, /Installed:/);
});

test('repomd.xml.asc and the exported keys verify with gpgv; zstd repodata is named .xml.zst; a signed repository needs the key', (t) => {
  if (!needTools(t, 'gpgv', 'gpg', 'zstd')) return;
  const key = makeGpgKey(t, 'ed25519');
  const root = join(tempDir(t), 'repo');
  repoOk(['rpm', root, '--sign-key', key.secretFile, '--compression', 'zstd', buildPackage(t, 'rpm', { name: 'zdemo', version: '1' })]);
  runOk('gpgv', ['--keyring', join(root, 'repo-key.gpg'), join(root, 'repodata/repomd.xml.asc'), join(root, 'repodata/repomd.xml')]);
  const primary = readdirSync(join(root, 'repodata')).find((f) => f.endsWith('-primary.xml.zst'))!;
  assert.ok(primary, 'primary.xml.zst');
  assert.match(runOk('zstd', ['-dc', join(root, 'repodata', primary)]).stdout, /<name>zdemo<\/name>/);

  // Signed stays signed: an update without the key would leave a stale signature, so it is refused.
  const before = treeDigest(root);
  const unsigned = repo(['rpm', root, buildPackage(t, 'rpm', { name: 'zdemo', version: '2' })]);
  assert.equal(unsigned.status, 2);
  assert.match(unsigned.stderr, /repomd\.xml\.asc exists: this repository is signed, give --sign-key to update it\n$/);
  assert.deepEqual(treeDigest(root), before);
});
