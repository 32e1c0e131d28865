// A native OpenPGP signer: v4 signatures with RSA or Ed25519 keys exported by gpg, no gpg at run time.
//
//   const key = loadSigningKey(readFileSync('key.asc', 'utf8'), passphrase);
//   await signDetached(key, createReadStream('Release'))   // binary signature packet (Release.gpg, rpm headers)
//   armoredSignature(await signDetached(key, data))          // -----BEGIN PGP SIGNATURE-----
//   clearSign(key, releaseText)                              // InRelease
//   publicKeyArmored(key), publicKeyBinary(key)              // for signed-by= keyrings
import { armor } from './armor.js';
import type { SigningKey } from './signing-key.js';

export { SigningKey, loadSigningKey } from './signing-key.js';
export { signDetached, type SignOptions, type SignedData } from './signature.js';
export { clearSign } from './cleartext.js';
export { readSigningKeyFile, PASSPHRASE_ENV } from './key-file.js';

export function armoredSignature(signature: Uint8Array): string {
  return armor('SIGNATURE', signature);
}

/** The key's public transferable key, binary: a keyring file for `signed-by=` or `gpgv --keyring`. */
export function publicKeyBinary(key: SigningKey): Buffer {
  return key.publicPackets;
}

export function publicKeyArmored(key: SigningKey): string {
  return armor('PUBLIC KEY BLOCK', key.publicPackets);
}
