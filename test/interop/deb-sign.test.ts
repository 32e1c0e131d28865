// --deb-sign: the debsigs `_gpgorigin` member, checked by gpg over debian-binary + control.tar + data.tar
// and by debsig-verify with a policy naming the key; dpkg still installs the package.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { dpkg, dpkgRoot } from '../support/deb.js';
import { gpg, makeGpgKey } from '../support/gpg.js';
import { needTools, pkgshift, run, runOk, tempDir } from '../support/helpers.js';

function policy(fingerprint: string): string {
  const rule = `Type="origin" File="pubring.gpg" id="${fingerprint}"`;
  return `<?xml version="1.0"?>
<!DOCTYPE Policy SYSTEM "https://www.debian.org/debsig/1.0/policy.dtd">
<Policy xmlns="https://www.debian.org/debsig/1.0/">
  <Origin Name="pkgshift test" id="${fingerprint}" Description="test key"/>
  <Selection><Required ${rule}/></Selection>
  <Verification MinOptional="0"><Required ${rule}/></Verification>
</Policy>
`;
}

test('--deb-sign: _gpgorigin verifies with gpg and debsig-verify; dpkg installs the package', (t) => {
  if (!needTools(t, 'gpg', 'debsig-verify', 'dpkg', 'ar')) return;
  const key = makeGpgKey(t, 'rsa2048', { passphrase: 'deb-pass' });
  const dir = tempDir(t);
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  const deb = join(dir, 'signed.deb');
  const result = pkgshift(['-s', 'dir', '-t', 'deb', '-n', 'signed', '-v', '1.0', '--license', 'MIT', '--description', 'signed\nA signed package.',
    '--deb-sign-key', key.secretFile, '-p', deb, 'hello.txt=/usr/share/signed/hello.txt'],
  { cwd: dir, env: { ...process.env, PKGSHIFT_SIGN_PASSPHRASE: 'deb-pass' } });
  assert.equal(result.status, 0, result.stderr);

  const members = runOk('ar', ['t', deb]).stdout.trim().split('\n');
  assert.deepEqual(members, ['debian-binary', 'control.tar.xz', 'data.tar.xz', '_gpgorigin']);
  const signed = join(dir, 'signed-data');
  runOk('sh', ['-c', `ar p '${deb}' debian-binary control.tar.xz data.tar.xz > '${signed}'`]);
  const signature = join(dir, 'origin.asc');
  writeFileSync(signature, runOk('ar', ['p', deb, '_gpgorigin']).stdout);
  assert.match(runOk('sh', ['-c', `gpg --batch --verify '${signature}' '${signed}' 2>&1`], { env: { ...process.env, GNUPGHOME: key.home } }).stdout, /Good signature from "Test rsa2048/);

  const keyId = key.fingerprint.slice(-16);
  const policies = join(dir, 'policies', keyId);
  const keyrings = join(dir, 'keyrings', keyId);
  mkdirSync(policies, { recursive: true });
  mkdirSync(keyrings, { recursive: true });
  writeFileSync(join(policies, 'test.pol'), policy(keyId));
  gpg(key.home, ['--output', join(keyrings, 'pubring.gpg'), '--export', key.fingerprint]);
  const verify = run('debsig-verify', ['--policies-dir', join(dir, 'policies'), '--keyrings-dir', join(dir, 'keyrings'), deb]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /Verified package from 'test key' \(pkgshift test\)/);

  const root = dpkgRoot(t);
  dpkg(root, '-i', deb);
});
