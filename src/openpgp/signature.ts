// v4 signature packets (RFC 4880 §5.2.3): the data is hashed as it streams by, then the hashed part of
// the packet and a trailer, and the digest is signed.
import { createHash, type Hash } from 'node:crypto';
import { sourceDateEpoch } from '../core/normalize.js';
import { HASHES, type HashName, SIG_TYPE, SUBPACKET } from './algorithms.js';
import { encodeNewLength, encodePacket } from './packets.js';
import { signDigest } from './private-key.js';
import type { SigningKey } from './signing-key.js';

export interface SignOptions {
  /** Default sha256. */
  hash?: HashName;
  /** Signature time in seconds; default SOURCE_DATE_EPOCH (never before the key was made), else now. */
  created?: number;
}

export type SignedData = Uint8Array | string | AsyncIterable<Uint8Array | string>;

function subpacket(type: number, content: Uint8Array): Buffer {
  return Buffer.concat([encodeNewLength(content.length + 1), Buffer.from([type]), content]);
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

export function signatureTime(key: SigningKey, created?: number): number {
  if (created !== undefined) return created;
  const epoch = sourceDateEpoch();
  return epoch === undefined ? Math.floor(Date.now() / 1000) : Math.max(epoch, key.created);
}

/**
 * Finishes a signature over what `hash` has seen: the same subpackets as gpg (issuer fingerprint and
 * creation time hashed, issuer key ID not), so that every verifier, old or new, finds the key.
 */
export function finishSignature(key: SigningKey, type: number, hash: Hash, options: SignOptions): Buffer {
  const hashName = options.hash ?? 'sha256';
  const hashed = Buffer.concat([
    subpacket(SUBPACKET.issuerFingerprint, Buffer.concat([Buffer.from([4]), Buffer.from(key.fingerprint, 'hex')])),
    subpacket(SUBPACKET.creationTime, uint32(signatureTime(key, options.created))),
  ]);
  const unhashed = subpacket(SUBPACKET.issuerKeyId, Buffer.from(key.keyId, 'hex'));
  const head = Buffer.concat([
    Buffer.from([4, type, key.privateKey.algorithm, HASHES[hashName].id]),
    Buffer.from([hashed.length >> 8, hashed.length & 0xff]), hashed,
  ]);
  hash.update(head);
  hash.update(Buffer.concat([Buffer.from([4, 0xff]), uint32(head.length)])); // the v4 trailer
  const digest = hash.digest();
  const body = Buffer.concat([
    head, Buffer.from([unhashed.length >> 8, unhashed.length & 0xff]), unhashed,
    digest.subarray(0, 2), signDigest(key.privateKey, hashName, digest),
  ]);
  return encodePacket(2, body);
}

/** A detached binary-mode signature packet over `data`, streamed through the hash. */
export async function signDetached(key: SigningKey, data: SignedData, options: SignOptions = {}): Promise<Buffer> {
  const hash = createHash(HASHES[options.hash ?? 'sha256'].node);
  if (typeof data === 'string' || data instanceof Uint8Array) hash.update(data);
  else for await (const chunk of data) hash.update(chunk);
  return finishSignature(key, SIG_TYPE.binary, hash, options);
}
