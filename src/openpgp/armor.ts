// ASCII armor (RFC 4880 §6, RFC 9580 §6.2): base64 in 64-character lines and a CRC-24 checksum line,
// between BEGIN and END lines that name the block.
import { PkgError } from '../core/errors.js';

export type ArmorType = 'PUBLIC KEY BLOCK' | 'PRIVATE KEY BLOCK' | 'SIGNATURE' | 'MESSAGE';

const CRC24_INIT = 0xb704ce;
const CRC24_POLY = 0x1864cfb;

function crc24(data: Uint8Array): number {
  let crc = CRC24_INIT;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= CRC24_POLY;
    }
  }
  return crc & 0xffffff;
}

export function armor(type: ArmorType, data: Uint8Array): string {
  const base64 = Buffer.from(data).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(crc24(data), 0, 3);
  return [`-----BEGIN PGP ${type}-----`, '', ...lines, `=${crc.toString('base64')}`, `-----END PGP ${type}-----`, ''].join('\n');
}

/**
 * The bytes of the first armored block in `text`, and its type. Header lines (`Version:`, `Comment:`) are
 * skipped; the checksum, when present, must match.
 */
export function dearmor(text: string): { type: string; data: Buffer } {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  const begin = lines.findIndex((line) => /^-----BEGIN PGP [A-Z ,0-9/]+-----$/.test(line));
  if (begin < 0) throw new PkgError('input-invalid', 'no OpenPGP armor (-----BEGIN PGP …-----) found');
  const type = lines[begin]!.slice('-----BEGIN PGP '.length, -'-----'.length);
  const end = lines.indexOf(`-----END PGP ${type}-----`, begin);
  if (end < 0) throw new PkgError('input-invalid', `the armored ${type} has no END line`);
  let at = begin + 1;
  while (at < end && lines[at] !== '') {
    if (!/^[A-Za-z]+: /.test(lines[at]!)) break; // no blank line after headers: tolerated, as gpg does
    at++;
  }
  if (lines[at] === '') at++;
  const body = lines.slice(at, end);
  const checksum = body.length > 0 && body[body.length - 1]!.startsWith('=') ? body.pop()!.slice(1) : undefined;
  const base64 = body.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new PkgError('input-invalid', `the armored ${type} is not valid base64`);
  const data = Buffer.from(base64, 'base64');
  if (checksum !== undefined) {
    const expected = Buffer.from(checksum, 'base64');
    if (expected.length !== 3 || expected.readUIntBE(0, 3) !== crc24(data)) {
      throw new PkgError('input-invalid', `the armored ${type} has a wrong checksum (damaged in transit?)`);
    }
  }
  return { type, data };
}
