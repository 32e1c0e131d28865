// A secret key loaded for signing. The private values stay in a private field: printing, logging or
// serialising a SigningKey shows only its public facts.
import { PkgError } from '../core/errors.js';
import { dearmor } from './armor.js';
import { chooseSigningKey, readKeyBlock } from './key-block.js';
import { readPackets } from './packets.js';
import { type PrivateKey, privateKey } from './private-key.js';
import { unlockSecret } from './secret-key.js';

export class SigningKey {
  readonly #private: PrivateKey;
  /** Fingerprint (40 hex digits) of the key that signs: the primary key or a signing subkey. */
  readonly fingerprint: string;
  /** Last 16 hex digits of the fingerprint, as signatures name their issuer. */
  readonly keyId: string;
  /** Seconds since the epoch when the signing key was made; signatures are never dated before it. */
  readonly created: number;
  readonly primaryFingerprint: string;
  readonly userIds: readonly string[];
  /** The whole key as a public transferable key (binary), for keyrings. */
  readonly publicPackets: Buffer;

  constructor(fields: Omit<SigningKey, 'privateKey' | 'toJSON'>, key: PrivateKey) {
    this.#private = key;
    this.fingerprint = fields.fingerprint;
    this.keyId = fields.keyId;
    this.created = fields.created;
    this.primaryFingerprint = fields.primaryFingerprint;
    this.userIds = fields.userIds;
    this.publicPackets = fields.publicPackets;
  }

  /** For the signer only. */
  get privateKey(): PrivateKey {
    return this.#private;
  }

  toJSON(): object {
    return { fingerprint: this.fingerprint, userIds: this.userIds };
  }
}

/**
 * Loads a v4 secret key as `gpg --export-secret-keys [--armor]` writes it (RSA or Ed25519; unprotected,
 * or protected by `passphrase`). Errors say what is wrong, never the key or passphrase.
 */
export function loadSigningKey(source: string | Uint8Array, passphrase?: string): SigningKey {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : Buffer.from(source);
  const binary = bytes.length > 0 && (bytes[0]! & 0x80) !== 0;
  let data: Buffer = bytes;
  if (!binary) {
    const block = dearmor(bytes.toString('utf8'));
    if (block.type === 'PUBLIC KEY BLOCK') {
      throw new PkgError('usage', 'this is a public key; signing needs the secret key (gpg --export-secret-keys --armor KEYID)');
    }
    if (block.type !== 'PRIVATE KEY BLOCK' && block.type !== 'SECRET KEY BLOCK') {
      throw new PkgError('input-invalid', `expected a PGP PRIVATE KEY BLOCK, found a PGP ${block.type}`);
    }
    data = block.data;
  }
  const keyBlock = readKeyBlock(readPackets(data));
  const chosen = chooseSigningKey(keyBlock, Math.floor(Date.now() / 1000));
  const what = chosen === keyBlock.primary ? 'the secret key' : `the signing subkey ${chosen.pub.keyId}`;
  const values = unlockSecret(chosen.secret!, chosen.pub.algorithm, passphrase, what);
  return new SigningKey({
    fingerprint: chosen.pub.fingerprint,
    keyId: chosen.pub.keyId,
    created: chosen.pub.created,
    primaryFingerprint: keyBlock.primary.pub.fingerprint,
    userIds: keyBlock.userIds,
    publicPackets: keyBlock.publicPackets,
  }, privateKey(chosen.pub, values, what));
}
