// String-to-key specifiers (RFC 4880 §3.7): how a passphrase becomes the key that protects a secret key.
import { createHash } from 'node:crypto';
import { PkgError } from '../core/errors.js';
import { S2K_HASHES } from './algorithms.js';
import type { Reader } from './packets.js';

export type S2k =
  | { kind: 'derive'; hash: string; salt: Buffer; count: number }
  /** GnuPG's extension 101: the secret is not in the file (a stub, or on a smartcard). */
  | { kind: 'absent' };

export function readS2k(reader: Reader): S2k {
  const type = reader.byte();
  const hashId = reader.byte();
  if (type === 101) {
    reader.bytes(4); // "GNU" and the mode (1: no secret, 2: divert to card)
    return { kind: 'absent' };
  }
  const hash = S2K_HASHES[hashId];
  if (hash === undefined) throw new PkgError('unsupported', `${reader.what}: S2K hash algorithm ${hashId} is not supported`);
  switch (type) {
    case 0: return { kind: 'derive', hash, salt: Buffer.alloc(0), count: 0 };
    case 1: return { kind: 'derive', hash, salt: reader.bytes(8), count: 0 };
    case 3: {
      const salt = reader.bytes(8);
      const coded = reader.byte();
      return { kind: 'derive', hash, salt, count: (16 + (coded & 15)) << ((coded >> 4) + 6) };
    }
    default: throw new PkgError('unsupported', `${reader.what}: S2K type ${type} is not supported`);
  }
}

/**
 * The key of `size` bytes for `passphrase`. Salt and passphrase are hashed repeatedly until `count` bytes
 * (at least once); a key longer than the hash takes more hashes, each preloaded with one more zero byte.
 */
export function deriveKey(s2k: Extract<S2k, { kind: 'derive' }>, passphrase: string, size: number): Buffer {
  const input = Buffer.concat([s2k.salt, Buffer.from(passphrase, 'utf8')]);
  const total = Math.max(s2k.count, input.length);
  const block = Buffer.concat(Array<Buffer>(Math.max(1, Math.floor(65536 / Math.max(1, input.length)))).fill(input));
  const parts: Buffer[] = [];
  for (let zeros = 0; Buffer.concat(parts).length < size; zeros++) {
    const hash = createHash(s2k.hash).update(Buffer.alloc(zeros));
    let left = total;
    while (left > 0) {
      const piece = block.subarray(0, Math.min(left, block.length));
      hash.update(piece);
      left -= piece.length;
    }
    parts.push(hash.digest());
  }
  return Buffer.concat(parts).subarray(0, size);
}
