// Signing a repository's indexes: the key's public half beside them, for clients to fetch (over a
// channel they trust): repo-key.gpg, a binary keyring for apt's signed-by=, and repo-key.asc for dnf's
// gpgkey=. A signed repository stays signed: updating it without the key is refused, since the old
// signature would no longer match and clients would reject the repository.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PkgError } from '../core/errors.js';
import { type SigningKey, publicKeyArmored, publicKeyBinary } from '../openpgp/index.js';
import type { Staging } from './staging.js';

export const PUBLIC_KEY_FILES = { binary: 'repo-key.gpg', armored: 'repo-key.asc' } as const;

export async function stagePublicKey(staging: Staging, key: SigningKey | undefined): Promise<void> {
  if (!key) return;
  await staging.writeText(PUBLIC_KEY_FILES.binary, publicKeyBinary(key));
  await staging.writeText(PUBLIC_KEY_FILES.armored, publicKeyArmored(key));
}

/** Refuses to rewrite a signed index (`signature`, relative to the repository) without a key. */
export function requireKeyIfSigned(staging: Staging, signature: string, key: SigningKey | undefined): void {
  if (!key && existsSync(join(staging.root, signature))) {
    throw new PkgError('usage', `${join(staging.root, signature)} exists: this repository is signed, give --sign-key to update it`);
  }
}
