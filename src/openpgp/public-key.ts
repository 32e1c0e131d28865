// The public part of a v4 key packet (RFC 4880 §5.5.2): version, creation time, algorithm and the
// algorithm's public values, and the fingerprint and key ID computed from it (§12.2).
import { createHash } from 'node:crypto';
import { PkgError } from '../core/errors.js';
import { PUBKEY } from './algorithms.js';
import { Reader } from './packets.js';

export interface PublicKey {
  algorithm: number;
  /** Seconds since the epoch. */
  created: number;
  /** The algorithm's public values, in packet order (MPIs, or OIDs and raw strings for the curves). */
  values: Buffer[];
  /** The public key packet body (for a secret key packet: the bytes before the secret part). */
  body: Buffer;
  /** 40 upper-case hex digits. */
  fingerprint: string;
  /** The last 16 hex digits of the fingerprint. */
  keyId: string;
}

/** Fixed sizes of RFC 9580's native curve keys. */
const RAW_KEY_SIZE: Readonly<Record<number, number>> = {
  [PUBKEY.x25519]: 32, [PUBKEY.x448]: 56, [PUBKEY.ed25519]: 32, [PUBKEY.ed448]: 57,
};

/** Reads the public part at the start of a key packet body; `reader` is left after it. */
export function readPublicKey(reader: Reader): PublicKey {
  const version = reader.byte();
  if (version !== 4) {
    throw new PkgError('unsupported', `${reader.what} is a version ${version} key; only v4 keys (what gpg writes) are supported`);
  }
  const created = reader.uint32();
  const algorithm = reader.byte();
  const values: Buffer[] = [];
  const oid = () => reader.bytes(reader.byte());
  switch (algorithm) {
    case PUBKEY.rsa: case 2: case PUBKEY.rsaSignOnly:
      values.push(reader.mpi(), reader.mpi());
      break;
    case PUBKEY.elgamal: case 20:
      values.push(reader.mpi(), reader.mpi(), reader.mpi());
      break;
    case PUBKEY.dsa:
      values.push(reader.mpi(), reader.mpi(), reader.mpi(), reader.mpi());
      break;
    case PUBKEY.ecdh:
      values.push(oid(), reader.mpi(), oid()); // OID, point, KDF parameters (a length-prefixed field, like an OID)
      break;
    case PUBKEY.ecdsa: case PUBKEY.eddsaLegacy:
      values.push(oid(), reader.mpi());
      break;
    default: {
      const size = RAW_KEY_SIZE[algorithm];
      if (size === undefined) throw new PkgError('unsupported', `${reader.what} uses public-key algorithm ${algorithm}, which this signer does not know`);
      values.push(reader.bytes(size));
    }
  }
  const body = reader.data.subarray(0, reader.at);
  const head = Buffer.alloc(3);
  head[0] = 0x99;
  head.writeUInt16BE(body.length, 1);
  const fingerprint = createHash('sha1').update(head).update(body).digest('hex').toUpperCase();
  return { algorithm, created, values, body, fingerprint, keyId: fingerprint.slice(-16) };
}
