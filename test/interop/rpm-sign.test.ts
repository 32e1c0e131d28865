// --rpm-sign with keys made by gpg (RSA 3072 with a passphrase, Ed25519 without): rpm -K with the public
// key imported into a throw-away database says `digests signatures OK`, and fails once a payload byte
// changes; the key and passphrase never appear in pkgshift's output.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { gpg, makeGpgKey } from '../support/gpg.js';
import { needTools, pkgshift, tempDir } from '../support/helpers.js';
import { RpmRoot } from '../support/rpm.js';

for (const [algo, passphrase] of [['rsa3072', 'correct horse'], ['ed25519', '']] as const) {
  test(`--rpm-sign with an ${algo} key: rpm -K reports signatures OK`, (t) => {
    if (!needTools(t, 'rpm', 'gpg')) return;
    const key = makeGpgKey(t, algo, { passphrase });
    const dir = tempDir(t);
    writeFileSync(join(dir, 'hello.txt'), 'hello\n');
    const passFile = join(dir, 'pass');
    writeFileSync(passFile, `${passphrase}\n`);
    const out = join(dir, 'signed.rpm');
    const result = pkgshift(['-s', 'dir', '-t', 'rpm', '-n', 'signed', '-v', '1.0', '--license', 'MIT', '--description', 'signed\nA signed package.',
      '--rpm-sign', '--rpm-sign-key', key.secretFile, '--sign-passphrase-file', passFile, '-p', out, 'hello.txt=/usr/share/signed/hello.txt'],
    { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
    assert.equal(result.status, 0, result.stderr);
    const secret = readFileSync(key.secretFile, 'utf8').split('\n').slice(2, 4).join('');
    for (const text of [result.stdout, result.stderr]) {
      assert.ok(!text.includes(secret) && (!passphrase || !text.includes(passphrase)), 'no key material in the output');
    }

    const root = new RpmRoot(t);
    const unknown = root.rpm(['-K', out]);
    assert.notEqual(unknown.status, 0, 'without the public key rpm cannot verify');
    const publicKey = join(dir, 'public.asc');
    writeFileSync(publicKey, gpg(key.home, ['--armor', '--export', key.fingerprint]));
    root.rpmOk(['--import', publicKey]);
    assert.equal(root.rpmOk(['-K', out]).stdout, `${out}: digests signatures OK\n`);
    assert.match(root.rpmOk(['-Kv', out]).stdout, new RegExp(`${algo === 'ed25519' ? 'EdDSA|DSA' : 'RSA'}.*key ID ${key.fingerprint.slice(-8).toLowerCase()}: OK`, 'i'));

    const bytes = readFileSync(out);
    bytes[bytes.length - 10]! ^= 0xff;
    const tampered = join(dir, 'tampered.rpm');
    writeFileSync(tampered, bytes);
    assert.notEqual(root.rpm(['-K', tampered]).status, 0, 'a changed payload byte is caught');
  });
}

test('--rpm-sign without a key, or with a wrong passphrase, is a one-line error and writes nothing', (t) => {
  if (!needTools(t, 'gpg')) return;
  const key = makeGpgKey(t, 'ed25519', { passphrase: 'right' });
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a'), 'a\n');
  const base = ['-s', 'dir', '-t', 'rpm', '-n', 'x', '--license', 'MIT', '--description', 'x', '-p', join(dir, 'x.rpm'), '-C', dir, 'a'];
  const noKey = pkgshift([...base, '--rpm-sign']);
  assert.equal(noKey.status, 2);
  assert.match(noKey.stderr, /--rpm-sign needs the secret key: give --rpm-sign-key FILE/);
  const wrong = pkgshift([...base, '--rpm-sign-key', key.secretFile], { env: { ...process.env, PKGSHIFT_SIGN_PASSPHRASE: 'hunter2-not-it' } });
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /signing key .*secret\.asc/);
  assert.ok(!wrong.stderr.includes('hunter2-not-it'), 'the passphrase is not echoed');
  assert.equal(wrong.stderr.match(/error:/g)?.length, 1);
  assert.ok(!existsSync(join(dir, 'x.rpm')));
});
