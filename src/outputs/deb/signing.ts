// deb signatures in the debsigs form (what `debsigs --sign=origin` and nfpm write): an ar member
// `_gpgorigin` after data.tar, holding an ASCII-armoured detached OpenPGP signature over the contents
// of debian-binary, control.tar.* and data.tar.* in that order. dpkg ignores the member; debsig-verify
// checks it against its policies.
import { armoredSignature, signDetached, type SigningKey } from '../../openpgp/index.js';
import { bufferSource } from '../../core/source.js';
import type { Member } from './members.js';

export async function originSignature(key: SigningKey, members: readonly Member[]): Promise<Member> {
  async function* signed(): AsyncGenerator<Uint8Array> {
    for (const member of members) yield* member.content.open();
  }
  return { name: '_gpgorigin', content: bufferSource(armoredSignature(await signDetached(key, signed())), '_gpgorigin') };
}
