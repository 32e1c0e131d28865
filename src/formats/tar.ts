// GNU tar header encoder (docs/FORMATS.md §B3). GNU rather than PAX because dpkg's own unpacker rejects
// PAX headers (§0.1): names and link targets over 100 bytes go in a preceding `././@LongLink`
// record (type `L` / `K`), numbers too large for octal in GNU base-256.

export const BLOCK = 512;
/** GNU tar writes whole records of 20 blocks. */
export const RECORD = 20 * BLOCK;

/** The PAX key prefix of an extended attribute (star's, which GNU tar --xattrs and bsdtar write). */
export const XATTR = 'SCHILY.xattr.';

export type TarType = 'file' | 'hardlink' | 'symlink' | 'dir' | 'char-device' | 'block-device' | 'fifo';

const TYPEFLAG: Record<TarType, string> = {
  file: '0', hardlink: '1', symlink: '2', 'char-device': '3', 'block-device': '4', dir: '5', fifo: '6',
};

export interface TarHeader {
  /** Archive name as written, e.g. `./usr/bin/foo` or `./usr/` for a directory. */
  name: string;
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  size: number;
  mtime: number;
  linkname?: string;
  /** Character and block devices: the device number (devmajor/devminor fields). */
  devMajor?: number;
  devMinor?: number;
}

/** The header blocks for one entry: any GNU long-name records, then the entry's own block. */
export function encodeTarHeader(header: TarHeader): Buffer {
  const name = Buffer.from(header.name);
  const link = header.linkname ? Buffer.from(header.linkname) : NO_BYTES;
  const block = headerBlock({ ...header, nameBytes: name.subarray(0, 100), linkBytes: link.subarray(0, 100) });
  if (link.length <= 100 && name.length <= 100) return block;
  const blocks: Buffer[] = [];
  if (link.length > 100) blocks.push(...longLink('K', link));
  if (name.length > 100) blocks.push(...longLink('L', name));
  return Buffer.concat([...blocks, block]);
}

const NO_BYTES = Buffer.alloc(0);
/** GNU magic and version: `ustar` and two spaces, NUL. */
const GNU_MAGIC = Buffer.from('ustar  \0', 'latin1');
const ZEROS = Buffer.alloc(BLOCK);

/**
 * A PAX extended header (type `x`) carrying `records` for the entry that follows: `LENGTH KEY=VALUE\n`,
 * LENGTH counting the whole record. Values are bytes (an xattr such as security.capability is binary).
 * Only the tar output writes one: dpkg refuses PAX headers in a deb (§0).
 */
export function encodePaxHeader(name: string, records: readonly [string, Buffer][]): Buffer {
  const data = Buffer.concat(records.map(([key, value]) => {
    const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
    let length = body.length + 1;
    while (String(length).length + body.length !== length) length = String(length).length + body.length;
    return Buffer.concat([Buffer.from(String(length)), body]);
  }));
  const header = headerBlock({
    name, nameBytes: Buffer.from(`./PaxHeaders/${name.replace(/^\.\//, '')}`).subarray(0, 100), linkBytes: NO_BYTES,
    type: 'file', typeflag: 'x', mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root', size: data.length, mtime: 0,
  });
  return Buffer.concat([header, data, tarPadding(data.length)]);
}

/** Zero bytes that pad `size` bytes of content to a whole block (shared: never write into it). */
export function tarPadding(size: number): Buffer {
  return ZEROS.subarray(0, (BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive of `written` bytes: two zero blocks, then padding to a whole record. */
export function tarTrailer(written: number): Buffer {
  const end = written + 2 * BLOCK;
  return Buffer.alloc(2 * BLOCK + ((RECORD - (end % RECORD)) % RECORD));
}

function longLink(type: 'L' | 'K', value: Buffer): Buffer[] {
  const data = Buffer.concat([value, Buffer.alloc(1)]);
  const header = headerBlock({
    name: '././@LongLink', nameBytes: Buffer.from('././@LongLink'), linkBytes: Buffer.alloc(0),
    type: 'file', typeflag: type, mode: 0o644, uid: 0, gid: 0, uname: 'root', gname: 'root',
    size: data.length, mtime: 0,
  });
  return [header, data, tarPadding(data.length)];
}

interface BlockFields extends TarHeader {
  nameBytes: Buffer;
  linkBytes: Buffer;
  typeflag?: string;
}

function headerBlock(h: BlockFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  h.nameBytes.copy(block, 0);
  writeNumber(block, 100, 8, h.mode & 0o7777);
  writeNumber(block, 108, 8, h.uid);
  writeNumber(block, 116, 8, h.gid);
  writeNumber(block, 124, 12, h.size);
  writeNumber(block, 136, 12, h.mtime);
  block.write(h.typeflag ?? TYPEFLAG[h.type], 156, 'latin1');
  h.linkBytes.copy(block, 157);
  GNU_MAGIC.copy(block, 257);
  writeString(block, 265, 32, h.uname);
  writeString(block, 297, 32, h.gname);
  if (h.devMajor !== undefined || h.devMinor !== undefined) {
    writeNumber(block, 329, 8, h.devMajor ?? 0);
    writeNumber(block, 337, 8, h.devMinor ?? 0);
  }
  block.fill(' ', 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return block;
}

/** Octal with a NUL terminator when it fits, else GNU base-256 (0x80 then big-endian binary). */
function writeNumber(block: Buffer, offset: number, width: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`tar header value out of range: ${value}`);
  if (value < 8 ** (width - 1)) {
    block[offset + width - 1] = 0;
    for (let i = offset + width - 2; i >= offset; i--, value = Math.floor(value / 8)) block[i] = 0x30 + (value % 8);
    return;
  }
  let rest = BigInt(value);
  for (let i = offset + width - 1; i > offset; i--) {
    block[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  block[offset] = 0x80;
}

function writeString(block: Buffer, offset: number, width: number, value: string): void {
  Buffer.from(value).subarray(0, width - 1).copy(block, offset);
}
