// rpm package signatures, as `rpmsign --addsign --rpmv3` writes them (FORMATS.md §B1.3), made by the
// native OpenPGP signer: an OpenPGP signature over the main header (RSAHEADER for RSA keys, DSAHEADER
// for EdDSA ones: what rpm 4.18 checks) and one over the header followed by the compressed payload
// (the legacy PGP/GPG tags older rpm releases check).
import { createReadStream } from 'node:fs';
import type { HeaderEntry } from '../../formats/rpm/header.js';
import { RpmType, SigTag } from '../../formats/rpm/tags.js';
import { signDetached, type SigningKey } from '../../openpgp/index.js';
import { PUBKEY } from '../../openpgp/algorithms.js';

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
