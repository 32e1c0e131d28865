// rpm package signatures, as `rpmsign --addsign --rpmv3` writes them (FORMATS.md §B1.3), made by the
// native OpenPGP signer: an OpenPGP signature over the main header (RSAHEADER for RSA keys, DSAHEADER
// for EdDSA ones: what rpm 4.18 checks) and one over the header followed by the compressed payload
// (the legacy PGP/GPG tags older rpm releases check). The key is read from --rpm-sign-key; its
// passphrase from --sign-passphrase-file or $PKGSHIFT_SIGN_PASSPHRASE.
import { createReadStream } from 'node:fs';
import { PkgError } from '../../core/errors.js';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RpmType, SigTag } from '../../formats/rpm/tags.js';
import { readSigningKeyFile, signDetached, type SigningKey } from '../../openpgp/index.js';
import { PUBKEY } from '../../openpgp/algorithms.js';
import type { Options } from '../../plugin.js';

/** The key --rpm-sign asks for, or undefined when the package is not to be signed. */
export function rpmSigningKey(options: Options): SigningKey | undefined {
  const file = options.rpmSignKey as string | undefined;
  if (!options.rpmSign && file === undefined) return undefined;
  if (file === undefined) throw new PkgError('usage', '--rpm-sign needs the secret key: give --rpm-sign-key FILE (gpg --export-secret-keys --armor KEYID)');
  const passphraseFile = options.signPassphraseFile as string | undefined;
  return readSigningKeyFile(file, passphraseFile === undefined ? {} : { passphraseFile });
}

export async function rpmSignatures(key: SigningKey, header: Uint8Array, payloadPath: string): Promise<HeaderEntry[]> {
  const rsa = key.privateKey.algorithm === PUBKEY.rsa || key.privateKey.algorithm === PUBKEY.rsaSignOnly;
  const headerOnly = await signDetached(key, header);
  const withPayload = await signDetached(key, headerThenPayload(header, payloadPath));
  return [
    { tag: rsa ? SigTag.RSA : SigTag.DSA, type: RpmType.BIN, value: headerOnly },
    { tag: rsa ? SigTag.PGP : SigTag.GPG, type: RpmType.BIN, value: withPayload },
  ];
}

async function* headerThenPayload(header: Uint8Array, payloadPath: string): AsyncGenerator<Uint8Array> {
  yield header;
  for await (const chunk of createReadStream(payloadPath, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
}
