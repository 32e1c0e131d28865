// The signing key's public half beside the indexes, for clients to fetch (over a channel they trust):
// repo-key.gpg, a binary keyring for apt's signed-by=, and repo-key.asc for dnf's gpgkey=.
import { type SigningKey, publicKeyArmored, publicKeyBinary } from '../openpgp/index.js';
import type { Staging } from './staging.js';

export const PUBLIC_KEY_FILES = { binary: 'repo-key.gpg', armored: 'repo-key.asc' } as const;

export async function stagePublicKey(staging: Staging, key: SigningKey | undefined): Promise<void> {
  if (!key) return;
  await staging.writeText(PUBLIC_KEY_FILES.binary, publicKeyBinary(key));
  await staging.writeText(PUBLIC_KEY_FILES.armored, publicKeyArmored(key));
}
