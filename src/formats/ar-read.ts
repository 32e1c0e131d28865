// ar archive reader (docs/FORMATS.md §B2.1): `!<arch>\n`, then per member a 60-byte header
// name[16] mtime[12] uid[6] gid[6] mode[8] size[10] "`\n", the data, and a `\n` pad to an even offset.
// Pure decoding over bytes; the deb input reads headers from a file handle and streams member data
// straight from the file, so no member is ever held in memory.

import { AR_HEADER_SIZE, AR_MAGIC } from './ar.js';


export interface ArMemberHeader {
  /** The name without the optional trailing `/` (GNU/SysV style) and padding. */
  name: string;
  mtime: number;
  uid: number;
  gid: number;
  mode: number;
  size: number;
}

export interface ArMember extends ArMemberHeader {
  /** Offset of the member's data in the archive. */
  offset: number;
}

export function isArArchive(head: Uint8Array): boolean {
  return AR_MAGIC.equals(head.subarray(0, 8));
}

/** Decodes one 60-byte member header; throws an Error with a short reason when it is not one. */
export function decodeArHeader(block: Uint8Array): ArMemberHeader {
  if (block.length < AR_HEADER_SIZE) throw new Error('truncated member header');
  const text = Buffer.from(block.subarray(0, AR_HEADER_SIZE)).toString('latin1');
  if (text.slice(58, 60) !== '`\n') throw new Error('bad member header (no `\\n terminator)');
  const rawName = text.slice(0, 16).trimEnd();
  // BSD ar's `#1/N` long names are not used by dpkg (names are ≤ 15 characters).
  const name = rawName.endsWith('/') && rawName !== '/' && rawName !== '//' ? rawName.slice(0, -1) : rawName;
  if (name === '') throw new Error('member with an empty name');
  return {
    name,
    mtime: decimalField(text.slice(16, 28), 'mtime'),
    uid: decimalField(text.slice(28, 34), 'uid'),
    gid: decimalField(text.slice(34, 40), 'gid'),
    mode: octalField(text.slice(40, 48), 'mode'),
    size: decimalField(text.slice(48, 58), 'size', true),
  };
}

function decimalField(raw: string, what: string, required = false): number {
  const value = raw.trim();
  if (value === '' && !required) return 0;
  if (!/^\d+$/.test(value)) throw new Error(`bad ${what} field '${raw.trim()}' in member header`);
  return Number(value);
}

function octalField(raw: string, what: string): number {
  const value = raw.trim();
  if (value === '') return 0;
  if (!/^[0-7]+$/.test(value)) throw new Error(`bad ${what} field '${value}' in member header`);
  return parseInt(value, 8);
}

/** Where the member after one whose data starts at `offset` begins (data padded to even). */
export function nextMemberOffset(member: ArMember): number {
  return member.offset + member.size + (member.size % 2);
}
