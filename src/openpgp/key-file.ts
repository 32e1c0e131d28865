// Reading a signing key named on the command line; its passphrase comes from a file or the
// environment, never from the command line (where `ps` would show it).
import { readFileSync } from 'node:fs';
import { PkgError, describeError } from '../core/errors.js';
import { type SigningKey, loadSigningKey } from './signing-key.js';

export const PASSPHRASE_ENV = 'PKGSHIFT_SIGN_PASSPHRASE';

export interface KeyFileOptions {
  /** A file whose first line is the passphrase. */
  passphraseFile?: string;
  env?: NodeJS.ProcessEnv;
}

function readOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new PkgError('input-unreadable', `${what} ${path}: ${describeError(err)}`);
  }
}

/** Loads the key in `path`; the passphrase, if any, from `passphraseFile` else $PKGSHIFT_SIGN_PASSPHRASE. */
export function readSigningKeyFile(path: string, options: KeyFileOptions = {}): SigningKey {
  const source = readOrFail(path, 'signing key');
  const passphrase = options.passphraseFile !== undefined
    ? readOrFail(options.passphraseFile, 'passphrase file').toString('utf8').split(/\r?\n/)[0]
    : (options.env ?? process.env)[PASSPHRASE_ENV];
  try {
    return loadSigningKey(source, passphrase);
  } catch (err) {
    const message = describeError(err);
    const hint = /none was given/.test(message) ? ` (set ${PASSPHRASE_ENV} or give a passphrase file)` : '';
    throw new PkgError(err instanceof PkgError ? err.code : 'input-invalid', `signing key ${path}: ${message}${hint}`);
  }
}
