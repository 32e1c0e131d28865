// The native OpenPGP signer, judged by gpg: keys made by gpg in a throw-away home, signatures made by
// src/openpgp, verified by gpgv (with our exported public key as the keyring) and gpg --verify.
import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type TestContext } from 'node:test';
import { inspect } from 'node:util';
import { needTools, run, tempDir } from '../support/helpers.js';
import { type GpgKey, type GpgKeyOptions, gpg, gpgv, makeGpgKey } from '../support/gpg.js';
import {
  armoredSignature, clearSign, loadSigningKey, publicKeyArmored, publicKeyBinary, readSigningKeyFile, signDetached,
} from '../../src/openpgp/index.js';

const KEYS: ({ name: string; algo: string } & GpgKeyOptions)[] = [
  { name: 'RSA 2048', algo: 'rsa2048' },
  { name: 'Ed25519', algo: 'ed25519' },
  { name: 'Ed25519, passphrase-protected', algo: 'ed25519', passphrase: 'correct horse battery staple' },
  { name: 'RSA 3072 with an RSA encryption subkey', algo: 'rsa3072', subkeys: [['rsa3072', 'encr']] },
  { name: 'Ed25519 with a Curve25519 encryption subkey', algo: 'ed25519', subkeys: [['cv25519', 'encr']] },
];

function keyringOf(t: TestContext, source: GpgKey): { dir: string; keyring: string } {
  const dir = tempDir(t);
  const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'), source.passphrase || undefined);
  const keyring = join(dir, 'keyring.gpg');
  writeFileSync(keyring, publicKeyBinary(key));
  return { dir, keyring };
}

for (const spec of KEYS) {
  test(`${spec.name}: detached, armored and cleartext signatures verify with gpg`, async (t) => {
    if (!needTools(t, 'gpg', 'gpgv')) return;
    const source = makeGpgKey(t, spec.algo, spec);
    const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'), spec.passphrase);
    assert.equal(key.primaryFingerprint, source.fingerprint);
    const { dir, keyring } = keyringOf(t, source);

    const data = join(dir, 'data.bin');
    writeFileSync(data, Buffer.alloc(3 * 1024 * 1024 + 7, 'pkgshift '));
    const signature = await signDetached(key, createReadStream(data, { highWaterMark: 64 * 1024 }));
    writeFileSync(join(dir, 'data.bin.sig'), signature);
    assert.match(gpgv(keyring, [join(dir, 'data.bin.sig'), data]), new RegExp(`Good signature from "${source.uid}"`));

    writeFileSync(join(dir, 'data.bin.asc'), armoredSignature(signature));
    assert.match(readFileSync(join(dir, 'data.bin.asc'), 'utf8'), /^-----BEGIN PGP SIGNATURE-----\n\n[A-Za-z0-9+/=\n]+\n-----END PGP SIGNATURE-----\n$/);
    const verified = run('gpg', ['--batch', '--status-fd', '1', '--verify', join(dir, 'data.bin.asc'), data], {
      env: { ...process.env, GNUPGHOME: source.home },
    });
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, new RegExp(`\\[GNUPG:\\] VALIDSIG ${key.fingerprint} `));

    writeFileSync(data, 'pkgshift\n', { flag: 'a' }); // one more line: the signature no longer fits
    assert.notEqual(run('gpgv', ['--keyring', keyring, join(dir, 'data.bin.sig'), data]).status, 0);
  });

  test(`${spec.name}: clear-signed text is what gpg verifies and extracts`, (t) => {
    if (!needTools(t, 'gpg', 'gpgv')) return;
    const source = makeGpgKey(t, spec.algo, spec);
    const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'), spec.passphrase);
    const { dir, keyring } = keyringOf(t, source);
    // Trailing blanks are not signed; dash lines are escaped; text without a final newline gets one.
    const text = 'Origin: pkgshift\nLabel: trailing blanks \t\n-----BEGIN a dash line\n\nÜnïcode: yes\nLast: no newline';
    const signed = clearSign(key, text);
    assert.match(signed, /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: pkgshift\n/);
    assert.match(signed, /\n- -----BEGIN a dash line\n/);
    writeFileSync(join(dir, 'InRelease'), signed);
    gpgv(keyring, [join(dir, 'InRelease')]);
    const output = join(dir, 'out');
    run('gpgv', ['--keyring', keyring, '--output', output, join(dir, 'InRelease')]);
    assert.equal(readFileSync(output, 'utf8').replace(/[ \t]+$/gm, ''), `${text.replace(/[ \t]+$/gm, '')}\n`);

    writeFileSync(join(dir, 'InRelease'), signed.replace('Origin: pkgshift', 'Origin: pkgshifT'));
    assert.notEqual(run('gpgv', ['--keyring', keyring, join(dir, 'InRelease')]).status, 0, 'a changed text must fail');
  });
}

test('exported public key: armored and binary are the same key, and gpg imports it with its user ID', (t) => {
  if (!needTools(t, 'gpg')) return;
  const source = makeGpgKey(t, 'ed25519', { subkeys: [['cv25519', 'encr']] });
  const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'));
  const dir = tempDir(t);
  writeFileSync(join(dir, 'key.asc'), publicKeyArmored(key));
  const fresh = join(dir, 'home');
  mkdirSync(fresh, { mode: 0o700 });
  gpg(dir, ['--homedir', fresh, '--import', join(dir, 'key.asc')]);
  const listed = gpg(dir, ['--homedir', fresh, '--with-colons', '--list-keys']);
  assert.match(listed, new RegExp(`^fpr:+${source.fingerprint}:`, 'm'));
  assert.match(listed, /^sub:/m, 'the subkey is exported too');
  assert.ok(listed.includes(source.uid));
  assert.doesNotMatch(gpg(dir, ['--homedir', fresh, '--with-colons', '--list-secret-keys']), /^sec:/m, 'no secret in the export');
  // gpg's own export of the public key has the same packets (gpg may pick other header forms).
  const ours = gpg(dir, ['--list-packets', join(dir, 'key.asc')]).replace(/^# off=.*\n/gm, '');
  writeFileSync(join(dir, 'theirs.asc'), gpg(source.home, ['--armor', '--export', source.fingerprint]));
  assert.equal(ours, gpg(dir, ['--list-packets', join(dir, 'theirs.asc')]).replace(/^# off=.*\n/gm, ''));
});

test('a signing subkey signs when the key has one, as gpg would choose', async (t) => {
  if (!needTools(t, 'gpg', 'gpgv')) return;
  const source = makeGpgKey(t, 'ed25519', { usage: 'cert', subkeys: [['rsa2048', 'sign']] });
  const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'));
  assert.notEqual(key.fingerprint, source.fingerprint);
  const { dir, keyring } = keyringOf(t, source);
  writeFileSync(join(dir, 'data'), 'data\n');
  writeFileSync(join(dir, 'data.sig'), await signDetached(key, 'data\n'));
  assert.match(gpgv(keyring, [join(dir, 'data.sig'), join(dir, 'data')]), new RegExp(`using RSA key ${key.fingerprint}`));
});

test('same data and time: byte-identical signatures; SOURCE_DATE_EPOCH dates them', async (t) => {
  if (!needTools(t, 'gpg')) return;
  for (const algo of ['rsa2048', 'ed25519']) {
    const source = makeGpgKey(t, algo);
    const key = loadSigningKey(readFileSync(source.secretFile, 'utf8'));
    const later = key.created + 1000;
    assert.deepEqual(await signDetached(key, 'x', { created: later }), await signDetached(key, 'x', { created: later }));
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(later);
    try {
      const dir = tempDir(t);
      writeFileSync(join(dir, 'x.sig'), await signDetached(key, 'x'));
      assert.match(gpg(dir, ['--list-packets', join(dir, 'x.sig')]), new RegExp(`created ${later}\\b`));
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  }
});

test('passphrases and secrets never show in errors or when a key is printed', (t) => {
  if (!needTools(t, 'gpg')) return;
  const passphrase = 'Sw0rdfish-passphrase';
  const source = makeGpgKey(t, 'ed25519', { passphrase });
  const armored = readFileSync(source.secretFile, 'utf8');
  assert.throws(() => loadSigningKey(armored), /protected by a passphrase, and none was given/);
  assert.throws(() => loadSigningKey(armored, 'wrong guess'), (err: Error) => /wrong passphrase/.test(err.message) && !err.message.includes('wrong guess'));
  assert.throws(() => readSigningKeyFile(source.secretFile, { env: {} }), /PKGSHIFT_SIGN_PASSPHRASE/);
  const passFile = join(tempDir(t), 'pass');
  writeFileSync(passFile, `${passphrase}\n`);
  const key = readSigningKeyFile(source.secretFile, { passphraseFile: passFile });
  const fromEnv = readSigningKeyFile(source.secretFile, { env: { PKGSHIFT_SIGN_PASSPHRASE: passphrase } });
  assert.equal(fromEnv.fingerprint, key.fingerprint);
  const shown = `${inspect(key, { depth: 10, showHidden: true })}${JSON.stringify(key)}${String(key)}`;
  assert.ok(!shown.includes(passphrase));
  for (const line of armored.split('\n').filter((l) => l.length >= 24)) assert.ok(!shown.includes(line.slice(0, 24)), 'no key material shown');
});
