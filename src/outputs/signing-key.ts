// The key `--rpm-sign`/`--deb-sign` ask for: read from --rpm-sign-key/--deb-sign-key, its passphrase
// from --sign-passphrase-file, $PKGSHIFT_SIGN_PASSPHRASE, or nfpm's $NFPM_RPM_PASSPHRASE /
// $NFPM_DEB_PASSPHRASE / $NFPM_PASSPHRASE (never the command line). Errors name the
// file, never the key or the passphrase.
import { PkgError } from '../core/errors.js';
import { PASSPHRASE_ENV, readSigningKeyFile, type SigningKey } from '../openpgp/index.js';
import type { Options } from '../plugin.js';

/** The key for `format`, or undefined when the package is not to be signed. */
export function signingKey(options: Options, format: 'rpm' | 'deb'): SigningKey | undefined {
  const file = options[`${format}SignKey`] as string | undefined;
  if (!options[`${format}Sign`] && file === undefined) return undefined;
  if (file === undefined) throw new PkgError('usage', `--${format}-sign needs the secret key: give --${format}-sign-key FILE (gpg --export-secret-keys --armor KEYID)`);
  const passphraseFile = options.signPassphraseFile as string | undefined;
  if (passphraseFile !== undefined) return readSigningKeyFile(file, { passphraseFile });
  // nfpm's variables, so that a pipeline that ran `nfpm pkg` keeps working.
  const env = process.env;
  const passphrase = env[PASSPHRASE_ENV] ?? env[`NFPM_${format.toUpperCase()}_PASSPHRASE`] ?? env.NFPM_PASSPHRASE;
  return readSigningKeyFile(file, { env: passphrase === undefined ? {} : { [PASSPHRASE_ENV]: passphrase } });
}
