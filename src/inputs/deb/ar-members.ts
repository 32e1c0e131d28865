// The members of a .deb (docs/FORMATS.md §B2.1): listed by reading only the 60-byte headers from the
// file, each member's data then streamed straight from its byte range.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { openInput } from '../../core/source.js';
import { PkgError, describeError } from '../../core/errors.js';
import { AR_HEADER_SIZE } from '../../formats/ar.js';
import { decodeArHeader, isArArchive, nextMemberOffset, type ArMember } from '../../formats/ar-read.js';

export async function listArMembers(path: string, label: string): Promise<ArMember[]> {
  const handle = await openInput(path);
  try {
    const fileSize = (await handle.stat()).size;
    const magic = Buffer.alloc(8);
    await handle.read(magic, 0, 8, 0);
    if (!isArArchive(magic)) throw new PkgError('input-invalid', `${label} is not a deb: no ar archive magic`);
    const members: ArMember[] = [];
    let offset = 8;
    const block = Buffer.alloc(AR_HEADER_SIZE);
    while (offset < fileSize) {
      const where = members.length ? `after member ${members[members.length - 1]!.name}` : 'at the first member';
      // dpkg tolerates a lone pad byte at the very end.
      if (fileSize - offset === 1) break;
      const { bytesRead } = await handle.read(block, 0, AR_HEADER_SIZE, offset);
      if (bytesRead < AR_HEADER_SIZE) throw new PkgError('input-invalid', `${label} is truncated ${where}: member header cut short`);
      let member: ArMember;
      try {
        member = { ...decodeArHeader(block), offset: offset + AR_HEADER_SIZE };
      } catch (err) {
        throw new PkgError('input-invalid', `${label} is corrupt ${where}: ${describeError(err)}`, { cause: err });
      }
      if (member.offset + member.size > fileSize) {
        throw new PkgError('input-invalid',
          `${label} is truncated in member ${member.name}: it needs ${member.size} bytes, ${fileSize - member.offset} remain`);
      }
      members.push(member);
      offset = nextMemberOffset(member);
    }
    return members;
  } finally {
    await handle.close();
  }
}

export function memberStream(path: string, member: ArMember): Readable {
  if (member.size === 0) return createReadStream(path, { start: 1, end: 0 });
  return createReadStream(path, { start: member.offset, end: member.offset + member.size - 1, highWaterMark: 256 * 1024 });
}

/** The first bytes of a member (for its debian-binary text or a compression magic). */
export async function memberHead(path: string, member: ArMember, max: number): Promise<Buffer> {
  const handle = await openInput(path);
  try {
    const buf = Buffer.alloc(Math.min(max, member.size));
    await handle.read(buf, 0, buf.length, member.offset);
    return buf;
  } finally {
    await handle.close();
  }
}
