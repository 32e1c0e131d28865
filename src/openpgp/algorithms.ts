// OpenPGP algorithm numbers (RFC 4880 §9, RFC 9580 §9) and what node:crypto calls them: every
// number this signer reads or writes is named here once.

/** Public-key algorithms this signer can sign with; others are read (to be skipped or exported) only. */
export const PUBKEY = {
  rsa: 1,
  rsaSignOnly: 3,
  elgamal: 16,
  dsa: 17,
  ecdh: 18,
  ecdsa: 19,
  eddsaLegacy: 22, // "EdDSALegacy" in RFC 9580: Ed25519 with an OID and MPIs, what gpg 2.2–2.4 writes
  x25519: 25,
  x448: 26,
  ed25519: 27, // RFC 9580 native Ed25519: raw 32-byte keys, 64-byte signatures
  ed448: 28,
} as const;

/** Hash algorithms, with the DER DigestInfo prefix RSA PKCS#1 v1.5 puts before the digest (RFC 8017 §9.2). */
export const HASHES = {
  sha256: { id: 8, node: 'sha256', digestInfo: '3031300d060960864801650304020105000420' },
  sha384: { id: 9, node: 'sha384', digestInfo: '3041300d060960864801650304020205000430' },
  sha512: { id: 10, node: 'sha512', digestInfo: '3051300d060960864801650304020305000440' },
} as const;
export type HashName = keyof typeof HASHES;

/** Hash algorithms an S2K specifier may name (RFC 4880 §9.4); SHA-1 is what gpg uses to export. */
export const S2K_HASHES: Readonly<Record<number, string>> = { 1: 'md5', 2: 'sha1', 3: 'ripemd160', 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' };

/** Symmetric ciphers for secret-key protection (RFC 4880 §9.2): node cipher name and key size in bytes. */
export const CIPHERS: Readonly<Record<number, { node: string; keySize: number; blockSize: number }>> = {
  2: { node: 'des-ede3-cfb', keySize: 24, blockSize: 8 },
  7: { node: 'aes-128-cfb', keySize: 16, blockSize: 16 },
  8: { node: 'aes-192-cfb', keySize: 24, blockSize: 16 },
  9: { node: 'aes-256-cfb', keySize: 32, blockSize: 16 },
  11: { node: 'camellia-128-cfb', keySize: 16, blockSize: 16 },
  12: { node: 'camellia-192-cfb', keySize: 24, blockSize: 16 },
  13: { node: 'camellia-256-cfb', keySize: 32, blockSize: 16 },
};

/** The OID (DER body, without tag and length) of Ed25519 in EdDSALegacy keys: 1.3.6.1.4.1.11591.15.1. */
export const ED25519_OID = '2b06010401da470f01';

/** Packet tags (RFC 4880 §4.3). */
export const TAG = {
  signature: 2,
  secretKey: 5,
  publicKey: 6,
  secretSubkey: 7,
  userId: 13,
  publicSubkey: 14,
  userAttribute: 17,
} as const;

/** Signature types (RFC 4880 §5.2.1). */
export const SIG_TYPE = {
  binary: 0x00,
  text: 0x01,
  subkeyBinding: 0x18,
  keyRevocation: 0x20,
  subkeyRevocation: 0x28,
} as const;

/** Signature subpacket types (RFC 4880 §5.2.3.1). */
export const SUBPACKET = {
  creationTime: 2,
  keyExpiration: 9,
  issuerKeyId: 16,
  keyFlags: 27,
  issuerFingerprint: 33,
} as const;

/** Key flag: this key may sign data. */
export const KEY_FLAG_SIGN = 0x02;
