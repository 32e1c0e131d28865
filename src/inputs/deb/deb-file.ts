// A .deb opened once (docs/FORMATS.md §B2.1): the ar member headers are read from the file, and
// every member's data is streamed straight from its byte range on the same handle, never held in
// memory. The member order and names are checked as dpkg-deb's extract.c checks them.
import type { Readable } from 'node:stream';
import { InputFile } from '../../core/source.js';
import { PkgError, describeError } from '../../core/errors.js';
import { AR_HEADER_SIZE, AR_MAGIC, decodeArHeader, isArArchive, nextMemberOffset, type ArMember } from '../../formats/ar.js';
import { sniffCompression, type Compression } from '../../formats/compress.js';

/** A member header and where its data starts in the file. */
export interface DebMember extends ArMember {
  offset: number;
}

const COMPRESSION_BY_SUFFIX: Record<string, Compression> = {
  '': 'none', '.gz': 'gzip', '.xz': 'xz', '.zst': 'zstd', '.bz2': 'bzip2', '.lzma': 'lzma',
};

export class DebFile {
  private constructor(private readonly file: InputFile, readonly label: string, readonly members: readonly DebMember[]) {}

  /** Runs `use` with the deb at `path` open, and closes it afterwards. */
  static async use<T>(path: string, label: string, use: (deb: DebFile) => Promise<T>): Promise<T> {
    const file = await InputFile.open(path);
    try {
      return await use(new DebFile(file, label, await listMembers(file, label)));
    } finally {
      await file.close();
    }
  }

  stream(member: DebMember): Readable {
    return this.file.range(member.offset, member.size);
  }

  /** The first bytes of a member (its debian-binary text, a compression magic). */
  head(member: DebMember, max: number): Promise<Buffer> {
    return this.file.head(member.offset, Math.min(max, member.size));
  }

  /** The compression the member name says, checked against the data's magic bytes. */
  async compression(member: DebMember): Promise<Compression> {
    const suffix = /\.tar(\.[a-z0-9]+)?$/.exec(member.name)?.[1] ?? '';
    const named = COMPRESSION_BY_SUFFIX[suffix];
    if (named === undefined) throw new PkgError('input-invalid', `${this.label}: member ${member.name} uses an unknown compression`);
    const sniffed = sniffCompression(await this.head(member, 16));
    if (named !== 'none' && sniffed !== named) {
      throw new PkgError('input-invalid', `reading ${member.name} from ${this.label}: the data is not ${named}-compressed as the name says`);
    }
    return named;
  }

  /** The control and data members, in the order and with the names dpkg-deb accepts. */
  async parts(): Promise<{ control: DebMember; data: DebMember }> {
    const { label, members } = this;
    const [first] = members;
    if (!first || first.name !== 'debian-binary') {
      throw new PkgError('input-invalid', `${label} is not a deb: its first ar member is ${first ? `'${first.name}'` : 'missing'}, not debian-binary`);
    }
    const version = (await this.head(first, 64)).toString('latin1');
    if (!/^2\.\d+\n/.test(version)) {
      throw new PkgError('input-invalid', `reading debian-binary from ${label}: unsupported format version '${version.split('\n')[0]}' (only 2.x)`);
    }
    let control: DebMember | undefined;
    let data: DebMember | undefined;
    for (const member of members.slice(1)) {
      if (data) break; // dpkg ignores everything after data.tar
      const [, kind, suffix] = /^(control|data)\.tar(\.[a-z0-9]+)?$/.exec(member.name) ?? [];
      if (!kind) {
        if (member.name.startsWith('_')) continue; // signatures and other reserved members
        throw new PkgError('input-invalid', `${label} has an unexpected member '${member.name}' before data.tar`);
      }
      if (COMPRESSION_BY_SUFFIX[suffix ?? ''] === undefined) {
        throw new PkgError('input-invalid', `${label}: member ${member.name} uses an unknown compression`);
      }
      if (kind === 'control') {
        if (control) throw new PkgError('input-invalid', `${label} has two control members`);
        control = member;
      } else {
        if (!control) throw new PkgError('input-invalid', `${label} has ${member.name} before its control member`);
        data = member;
      }
    }
    if (!control) throw new PkgError('input-invalid', `${label} has no control.tar member (truncated?)`);
    if (!data) throw new PkgError('input-invalid', `${label} has no data.tar member (truncated?)`);
    for (const member of [control, data]) {
      if (member.size === 0) throw new PkgError('input-invalid', `reading ${member.name} from ${label}: the member is empty`);
    }
    return { control, data };
  }
}

/** Every member header, read from the file without touching member data. */
async function listMembers(file: InputFile, label: string): Promise<DebMember[]> {
  if (!isArArchive(await file.head(0, AR_MAGIC.length))) throw new PkgError('input-invalid', `${label} is not a deb: no ar archive magic`);
  const members: DebMember[] = [];
  let offset = AR_MAGIC.length;
  while (offset < file.size) {
    const where = members.length ? `after member ${members[members.length - 1]!.name}` : 'at the first member';
    // dpkg tolerates a lone pad byte at the very end.
    if (file.size - offset === 1) break;
    const block = await file.readExactly(offset, AR_HEADER_SIZE,
      () => new PkgError('input-invalid', `${label} is truncated ${where}: member header cut short`));
    let member: DebMember;
    try {
      member = { ...decodeArHeader(block), offset: offset + AR_HEADER_SIZE };
    } catch (err) {
      throw new PkgError('input-invalid', `${label} is corrupt ${where}: ${describeError(err)}`, { cause: err });
    }
    if (member.offset + member.size > file.size) {
      throw new PkgError('input-invalid',
        `${label} is truncated in member ${member.name}: it needs ${member.size} bytes, ${file.size - member.offset} remain`);
    }
    members.push(member);
    offset = nextMemberOffset(member, member.offset);
  }
  return members;
}
