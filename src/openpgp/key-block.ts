// A transferable key (RFC 4880 §11.1–11.2) as `gpg --export-secret-keys` writes it: a primary key, user
// IDs with their self-signatures, and subkeys with their binding signatures. Only what choosing the
// signing key and exporting the public key need is read; nothing here verifies the self-signatures.
import { PkgError } from '../core/errors.js';
import { KEY_FLAG_SIGN, SIG_TYPE, SUBPACKET, TAG } from './algorithms.js';
import { type Packet, Reader, encodePacket } from './packets.js';
import { type PublicKey, readPublicKey } from './public-key.js';
import { type LockedSecret, hasSecret, readSecret } from './secret-key.js';

export interface KeyBlockKey {
  pub: PublicKey;
  /** Absent for a public key packet. */
  secret: LockedSecret | undefined;
  /** Key flags from the newest self- or binding signature; undefined when no signature states them. */
  flags: number | undefined;
  /** Seconds since the epoch, from the key expiration subpacket; undefined: never. */
  expires: number | undefined;
  revoked: boolean;
}

export interface KeyBlock {
  primary: KeyBlockKey;
  subkeys: KeyBlockKey[];
  userIds: string[];
  /** The same key as a public transferable key (secret parts dropped), binary. */
  publicPackets: Buffer;
}

interface SignatureFacts {
  type: number;
  created: number;
  flags: number | undefined;
  /** Seconds after the key's creation. */
  expiresAfter: number | undefined;
}

/** Reads the parts of a v4 signature packet that say what a key may do. */
function readSignatureFacts(body: Buffer): SignatureFacts | undefined {
  const reader = new Reader(body, 'a self-signature');
  if (reader.byte() !== 4) return undefined; // v3 signatures carry no subpackets
  const type = reader.byte();
  reader.bytes(2); // public-key and hash algorithms
  const hashed = new Reader(reader.bytes(reader.bytes(2).readUInt16BE(0)), 'a signature subpacket');
  const facts: SignatureFacts = { type, created: 0, flags: undefined, expiresAfter: undefined };
  while (hashed.at < hashed.data.length) {
    const first = hashed.byte();
    const length = first < 192 ? first : first < 255 ? ((first - 192) << 8) + hashed.byte() + 192 : hashed.uint32();
    const content = new Reader(hashed.bytes(length), 'a signature subpacket');
    const kind = content.byte() & 0x7f; // the top bit marks the subpacket critical
    if (kind === SUBPACKET.creationTime) facts.created = content.uint32();
    else if (kind === SUBPACKET.keyFlags) facts.flags = content.byte();
    else if (kind === SUBPACKET.keyExpiration) facts.expiresAfter = content.uint32();
  }
  return facts;
}

function applySignature(key: KeyBlockKey, facts: SignatureFacts, newest: { created: number }): void {
  if (facts.type === SIG_TYPE.keyRevocation || facts.type === SIG_TYPE.subkeyRevocation) {
    key.revoked = true;
    return;
  }
  if (facts.created < newest.created) return;
  newest.created = facts.created;
  if (facts.flags !== undefined) key.flags = facts.flags;
  key.expires = facts.expiresAfter ? key.pub.created + facts.expiresAfter : undefined;
}

export function readKeyBlock(packets: Packet[]): KeyBlock {
  const first = packets[0];
  if (first === undefined || (first.tag !== TAG.secretKey && first.tag !== TAG.publicKey)) {
    throw new PkgError('input-invalid', 'the key file does not start with a key packet');
  }
  let primary: KeyBlockKey | undefined;
  let current: KeyBlockKey | undefined;
  let newest = { created: -1 };
  const subkeys: KeyBlockKey[] = [];
  const userIds: string[] = [];
  const out: Buffer[] = [];
  for (const packet of packets) {
    switch (packet.tag) {
      case TAG.secretKey: case TAG.publicKey: case TAG.secretSubkey: case TAG.publicSubkey: {
        const isPrimary = packet.tag === TAG.secretKey || packet.tag === TAG.publicKey;
        if (isPrimary && primary) throw new PkgError('input-invalid', 'the key file holds more than one key; export only the signing key');
        const reader = new Reader(packet.body, isPrimary ? 'the primary key' : 'a subkey');
        const pub = readPublicKey(reader);
        const secret = packet.tag === TAG.secretKey || packet.tag === TAG.secretSubkey ? readSecret(reader) : undefined;
        current = { pub, secret, flags: undefined, expires: undefined, revoked: false };
        newest = { created: -1 };
        if (isPrimary) primary = current;
        else subkeys.push(current);
        out.push(encodePacket(isPrimary ? TAG.publicKey : TAG.publicSubkey, pub.body));
        break;
      }
      case TAG.userId:
        userIds.push(packet.body.toString('utf8'));
        out.push(encodePacket(packet.tag, packet.body));
        break;
      case TAG.userAttribute:
        out.push(encodePacket(packet.tag, packet.body));
        break;
      case TAG.signature: {
        const facts = readSignatureFacts(packet.body);
        if (facts && current) applySignature(current, facts, newest);
        out.push(encodePacket(packet.tag, packet.body));
        break;
      }
      default:
        break; // trust and marker packets stay out of an export, as gpg --export leaves them out
    }
  }
  return { primary: primary!, subkeys, userIds, publicPackets: Buffer.concat(out) };
}

/**
 * The key gpg would sign with: the newest usable subkey flagged for signing whose secret is in the file,
 * else the primary key.
 */
export function chooseSigningKey(block: KeyBlock, now: number): KeyBlockKey {
  const usable = (key: KeyBlockKey) =>
    key.secret !== undefined && hasSecret(key.secret) && !key.revoked && (key.expires === undefined || key.expires > now);
  const subkey = block.subkeys
    .filter((key) => usable(key) && key.flags !== undefined && (key.flags & KEY_FLAG_SIGN) !== 0)
    .sort((a, b) => b.pub.created - a.pub.created)[0];
  if (subkey) return subkey;
  const primary = block.primary;
  if (usable(primary) && (primary.flags === undefined || (primary.flags & KEY_FLAG_SIGN) !== 0)) return primary;
  if (primary.secret === undefined) {
    throw new PkgError('usage', 'this is a public key; signing needs the secret key (gpg --export-secret-keys --armor KEYID)');
  }
  throw new PkgError('usage', 'the key has no usable secret key that may sign (revoked, expired, or not in the file)');
}
