// The secret part of a v4 key packet (RFC 4880 §5.5.3): the usage octet says whether and how the
// secret values are protected; unlocking checks the checksum that follows them.
import { createDecipheriv, createHash } from 'node:crypto';
import { PkgError } from '../core/errors.js';
import { CIPHERS, PUBKEY } from './algorithms.js';
import { Reader } from './packets.js';
import { type S2k, deriveKey, readS2k } from './s2k.js';

/** The unparsed secret part of a key packet; unlocked only for the key that signs. */
export interface LockedSecret {
  usage: number;
  cipher: number;
  s2k: S2k | undefined;
  iv: Buffer;
  /** Secret values and checksum, encrypted when usage is 254 or 255. */
  data: Buffer;
}

/** Usage octets: 0 unprotected, 254 encrypted with a SHA-1 check, 255 encrypted with a 16-bit sum. */
const USAGE = { none: 0, aead: 253, sha1: 254, sum16: 255 } as const;

export function readSecret(reader: Reader): LockedSecret {
  const usage = reader.byte();
  if (usage === USAGE.none) return { usage, cipher: 0, s2k: undefined, iv: Buffer.alloc(0), data: reader.rest() };
  if (usage === USAGE.aead) throw new PkgError('unsupported', `${reader.what} is protected with AEAD, which is not supported; export it with gpg 2.2–2.4`);
  if (usage !== USAGE.sha1 && usage !== USAGE.sum16) {
    throw new PkgError('unsupported', `${reader.what} uses the obsolete protection ${usage}; re-export it with a current gpg`);
  }
  const cipher = reader.byte();
  const s2k = readS2k(reader);
  if (s2k.kind === 'absent') return { usage, cipher, s2k, iv: Buffer.alloc(0), data: Buffer.alloc(0) };
  const spec = CIPHERS[cipher];
  if (spec === undefined) throw new PkgError('unsupported', `${reader.what} is encrypted with cipher ${cipher}, which is not supported (AES is)`);
  return { usage, cipher, s2k, iv: reader.bytes(spec.blockSize), data: reader.rest() };
}

export function hasSecret(secret: LockedSecret): boolean {
  return secret.s2k?.kind !== 'absent';
}

export function isProtected(secret: LockedSecret): boolean {
  return secret.usage !== USAGE.none;
}

/**
 * The secret values (MPIs, or raw bytes for RFC 9580's native curves) of `algorithm`, decrypted with
 * `passphrase` when protected. A wrong passphrase shows as a checksum mismatch.
 */
export function unlockSecret(secret: LockedSecret, algorithm: number, passphrase: string | undefined, what: string): Buffer[] {
  let plain = secret.data;
  if (isProtected(secret)) {
    if (passphrase === undefined) throw new PkgError('usage', `${what} is protected by a passphrase, and none was given`);
    const spec = CIPHERS[secret.cipher]!;
    if (secret.s2k?.kind !== 'derive') throw new PkgError('unsupported', `${what} has no secret material in this file`);
    const key = deriveKey(secret.s2k, passphrase, spec.keySize);
    const decipher = createDecipheriv(spec.node, key, secret.iv);
    plain = Buffer.concat([decipher.update(secret.data), decipher.final()]);
  }
  const checkSize = secret.usage === USAGE.sha1 ? 20 : 2;
  const values = plain.subarray(0, Math.max(0, plain.length - checkSize));
  const check = plain.subarray(values.length);
  const expected = secret.usage === USAGE.sha1 ? createHash('sha1').update(values).digest() : sum16(values);
  if (!check.equals(expected)) {
    throw new PkgError('usage', isProtected(secret) ? `wrong passphrase for ${what}` : `${what}: the secret key checksum does not match (damaged file?)`);
  }
  const reader = new Reader(values, what);
  switch (algorithm) {
    case PUBKEY.rsa: case 2: case PUBKEY.rsaSignOnly:
      return [reader.mpi(), reader.mpi(), reader.mpi(), reader.mpi()]; // d, p, q, u = p⁻¹ mod q
    case PUBKEY.eddsaLegacy:
      return [reader.mpi()];
    case PUBKEY.ed25519:
      return [reader.bytes(32)];
    default:
      throw new PkgError('unsupported', `${what}: public-key algorithm ${algorithm} cannot sign here (RSA and Ed25519 can)`);
  }
}

function sum16(data: Buffer): Buffer {
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xffff;
  const out = Buffer.alloc(2);
  out.writeUInt16BE(sum);
  return out;
}
