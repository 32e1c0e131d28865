// Keys made by real gpg in a throw-away GNUPGHOME, for tests that sign natively and verify with gpg.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { runOk, tempDir } from './helpers.js';

export interface GpgKey {
  home: string;
  uid: string;
  fingerprint: string;
  /** The secret key as `gpg --export-secret-keys --armor` writes it. */
  secretFile: string;
  passphrase: string;
}

/** gpg with a private home; the agent is told the passphrase in loopback mode, never prompted. */
export function gpg(home: string, args: readonly string[], passphrase = ''): string {
  return runOk('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', passphrase, ...args], {
    env: { ...process.env, GNUPGHOME: home },
  }).stdout;
}

export interface GpgKeyOptions {
  passphrase?: string;
  /** Of the primary key: sign (default), cert, … */
  usage?: string;
  /** Subkeys to add, as [algo, usage]: ['cv25519', 'encr'], ['rsa2048', 'sign']. */
  subkeys?: [string, string][];
}

/** A new key made by gpg (`algo`: rsa2048, ed25519, …). */
export function makeGpgKey(t: TestContext, algo: string, options: GpgKeyOptions = {}): GpgKey {
  const home = tempDir(t, 'pkgshift-gnupg-');
  chmodSync(home, 0o700);
  t.after(() => { try { runOk('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } }); } catch { /* no agent */ } });
  const passphrase = options.passphrase ?? '';
  const uid = `Test ${algo} <${algo}@example.org>`;
  gpg(home, ['--quick-gen-key', uid, algo, options.usage ?? 'sign', 'never'], passphrase);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg(home, ['--with-colons', '--list-keys', uid]))![1]!;
  for (const [subAlgo, subUsage] of options.subkeys ?? []) gpg(home, ['--quick-add-key', fingerprint, subAlgo, subUsage, 'never'], passphrase);
  const secretFile = join(home, 'secret.asc');
  writeFileSync(secretFile, gpg(home, ['--armor', '--export-secret-keys', fingerprint], passphrase));
  return { home, uid, fingerprint, secretFile, passphrase };
}

/** `gpgv --keyring KEYRING ARGS`: exits non-zero unless a signature is good. */
export function gpgv(keyring: string, args: readonly string[]): string {
  return runOk('gpgv', ['--keyring', keyring, ...args]).stderr;
}
