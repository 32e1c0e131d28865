// Turns OpenPGP key values into a node:crypto private key and signs a digest with it, returning the
// signature values as a v4 signature packet carries them (RFC 4880 §5.2.2, RFC 9580 §5.2.3).
import { type KeyObject, constants, createPrivateKey, createPublicKey, privateEncrypt, sign } from 'node:crypto';
import { PkgError } from '../core/errors.js';
import { ED25519_OID, HASHES, type HashName, PUBKEY } from './algorithms.js';
import { encodeMpi, padStart } from './packets.js';
import type { PublicKey } from './public-key.js';

export interface PrivateKey {
  algorithm: number;
  key: KeyObject;
}

const b64url = (value: Buffer) => value.toString('base64url');
const big = (value: Buffer) => BigInt(`0x${value.toString('hex') || '0'}`);
const bytes = (value: bigint) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};

/** Builds the private key and checks that it belongs to `pub` (a damaged or mismatched file fails here). */
export function privateKey(pub: PublicKey, secret: Buffer[], what: string): PrivateKey {
  const mismatch = () => new PkgError('input-invalid', `${what}: the secret values do not match the public key`);
  switch (pub.algorithm) {
    case PUBKEY.rsa: case 2: case PUBKEY.rsaSignOnly: {
      const [n, e] = pub.values as [Buffer, Buffer];
      const [d, p, q, u] = secret as [Buffer, Buffer, Buffer, Buffer];
      if (big(p) * big(q) !== big(n)) throw mismatch();
      // OpenPGP keeps u = p⁻¹ mod q; JWK wants qi = q⁻¹ mod p, so OpenPGP's p and q swap roles.
      const jwk = {
        kty: 'RSA', n: b64url(n), e: b64url(e), d: b64url(d), p: b64url(q), q: b64url(p),
        dp: b64url(bytes(big(d) % (big(q) - 1n))), dq: b64url(bytes(big(d) % (big(p) - 1n))), qi: b64url(u),
      };
      return { algorithm: pub.algorithm, key: createPrivateKey({ key: jwk, format: 'jwk' }) };
    }
    case PUBKEY.eddsaLegacy: case PUBKEY.ed25519: {
      let publicPoint: Buffer;
      if (pub.algorithm === PUBKEY.eddsaLegacy) {
        const [oid, point] = pub.values as [Buffer, Buffer];
        if (oid.toString('hex') !== ED25519_OID) throw new PkgError('unsupported', `${what}: only the Ed25519 curve is supported for EdDSA`);
        if (point.length !== 33 || point[0] !== 0x40) throw new PkgError('input-invalid', `${what}: malformed Ed25519 public point`);
        publicPoint = point.subarray(1); // 0x40 marks the native point encoding
      } else {
        publicPoint = pub.values[0]!;
      }
      const seed = padStart(secret[0]!, 32);
      const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: b64url(publicPoint) }, format: 'jwk' });
      const derived = createPublicKey(key).export({ format: 'jwk' }).x;
      if (derived !== b64url(publicPoint)) throw mismatch();
      return { algorithm: pub.algorithm, key };
    }
    default:
      throw new PkgError('unsupported', `${what}: public-key algorithm ${pub.algorithm} cannot sign here (RSA and Ed25519 can)`);
  }
}

/** The signature values for `digest`: one MPI for RSA, two MPIs (R, S) for EdDSALegacy, 64 raw bytes for Ed25519. */
export function signDigest(key: PrivateKey, hash: HashName, digest: Buffer): Buffer {
  if (key.algorithm === PUBKEY.eddsaLegacy || key.algorithm === PUBKEY.ed25519) {
    const signature = sign(null, digest, key.key); // EdDSA in OpenPGP signs the digest itself
    if (key.algorithm === PUBKEY.ed25519) return signature;
    return Buffer.concat([encodeMpi(signature.subarray(0, 32)), encodeMpi(signature.subarray(32))]);
  }
  const digestInfo = Buffer.concat([Buffer.from(HASHES[hash].digestInfo, 'hex'), digest]);
  return encodeMpi(privateEncrypt({ key: key.key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}
