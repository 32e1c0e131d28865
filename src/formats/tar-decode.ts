// tar decoder (FORMATS.md §B3) for archives someone else made: ustar, GNU (`L`/`K` long names,
// base-256 numbers) and PAX (`x`/`g` records). It validates before it trusts, as GNU tar does:
// header checksums, numeric fields (a negative or non-octal size is an error, not an empty file),
// PAX records whose lengths must add up, long names no file system holds. A directory or link
// member's data, when its size is not 0, is skipped as GNU tar skips it. Every problem is an Error
// naming the member and the archive offset; the entry reader (inputs/tar-read.ts) adds the archive.
import { BLOCK, XATTR } from './tar.js';
import { ByteReader, UnexpectedEnd } from './byte-reader.js';

/** What an entry is, in the vocabulary the readers use. */
export type TarEntryType =
  | 'file' | 'contiguous-file' | 'link' | 'symlink' | 'directory'
  | 'character-device' | 'block-device' | 'fifo' | 'pax-global-header' | 'unknown';

export interface TarEntryHeader {
  name: string;
  type: TarEntryType;
  /** The typeflag byte as found (for messages about unknown types). */
  typeflag: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: Date;
  linkname: string;
  /** Character and block devices: the device number (0 for other entries). */
  devMajor: number;
  devMinor: number;
  /** Extended attributes from PAX `SCHILY.xattr.NAME` records (GNU tar --xattrs), raw bytes by NAME. */
  xattrs: Record<string, Buffer>;
}

/** The longest member name or link target accepted (Linux PATH_MAX, without the NUL). */
export const MAX_NAME_BYTES = 4095;
/** GNU long-name records and PAX headers larger than this are refused. */
const MAX_EXTENDED_HEADER = 1024 * 1024;

const TYPES: Record<string, TarEntryType> = {
  '0': 'file', '\0': 'file', '1': 'link', '2': 'symlink', '3': 'character-device', '4': 'block-device',
  '5': 'directory', '6': 'fifo', '7': 'contiguous-file', g: 'pax-global-header',
};

export class TarFormatError extends Error {}


/**
 * Reads entries one after another from decompressed tar bytes; `onEntry` gets each header and its
 * content (exactly `size` bytes; what it leaves unread is skipped). Returns the number of entries.
 */
export async function decodeTar(source: AsyncIterable<Uint8Array>,
  onEntry: (header: TarEntryHeader, body: AsyncIterable<Buffer>) => Promise<void>): Promise<number> {
  const reader = new ByteReader(source);
  let count = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  try {
    for (;;) {
      const offset = reader.position;
      if (await reader.atEnd()) break; // GNU tar accepts an archive without its end blocks
      const block = await reader.read(BLOCK);
      if (block.every((b) => b === 0)) break; // end of archive; what follows is padding
      const raw = decodeHeaderBlock(block, offset);
      const padding = (BLOCK - (raw.size % BLOCK)) % BLOCK;
      if (raw.typeflag === 'L' || raw.typeflag === 'K' || raw.typeflag === 'x' || raw.typeflag === 'g') {
        if (raw.size > MAX_EXTENDED_HEADER) throw new TarFormatError(`extended header at offset ${offset} is ${raw.size} bytes, more than any name needs`);
        const data = await reader.read(raw.size);
        await reader.skip(padding);
        if (raw.typeflag === 'L') longName = cString(data);
        else if (raw.typeflag === 'K') longLink = cString(data);
        else if (raw.typeflag === 'x') pax = { ...pax, ...decodePax(data, offset) };
        else globalPax = { ...globalPax, ...decodePax(data, offset) };
        continue;
      }
      const records = { ...globalPax, ...pax };
      const header: TarEntryHeader = {
        ...raw,
        name: records.path ?? longName ?? raw.name,
        linkname: records.linkpath ?? longLink ?? raw.linkname,
        size: records.size !== undefined ? paxNumber(records.size, 'size', offset) : raw.size,
        uid: records.uid !== undefined ? paxNumber(records.uid, 'uid', offset) : raw.uid,
        gid: records.gid !== undefined ? paxNumber(records.gid, 'gid', offset) : raw.gid,
        uname: records.uname ?? raw.uname,
        gname: records.gname ?? raw.gname,
        mtime: records.mtime !== undefined ? new Date(Math.floor(paxNumber(records.mtime.split('.')[0]!, 'mtime', offset)) * 1000) : raw.mtime,
        xattrs: Object.fromEntries(Object.entries(records).filter(([key]) => key.startsWith(XATTR))
          .map(([key, value]) => [key.slice(XATTR.length), Buffer.from(value, 'latin1')])),
      };
      longName = longLink = undefined;
      pax = {};
      checkName(header.name, 'name', offset);
      if (header.linkname) checkName(header.linkname, 'link target', offset);
      // An old tar marks a directory by a trailing slash on a regular member.
      if (header.type === 'file' && header.typeflag === '\0' && header.name.endsWith('/')) header.type = 'directory';
      const dataSize = header.size;
      const dataPadding = (BLOCK - (dataSize % BLOCK)) % BLOCK;
      const hasContent = header.type === 'file' || header.type === 'contiguous-file';
      if (!hasContent) header.size = 0;
      count++;
      let left = hasContent ? dataSize : 0;
      const body = (async function* () {
        while (left > 0) {
          const chunk = await reader.chunk(left);
          left -= chunk.length;
          yield chunk;
        }
      })();
      await onEntry(header, body);
      await reader.skip((hasContent ? left : dataSize) + dataPadding);
    }
    await reader.drain();
  } catch (err) {
    if (err instanceof UnexpectedEnd) throw new TarFormatError(`unexpected end of data at offset ${reader.position} (the archive is truncated)`);
    throw err;
  } finally {
    await reader.close();
  }
  return count;
}

type RawHeader = Omit<TarEntryHeader, 'name' | 'linkname'> & { name: string; linkname: string };

function decodeHeaderBlock(block: Buffer, offset: number): RawHeader {
  const at = `header at offset ${offset}`;
  const stored = octal(block, 148, 8, `${at}: checksum`);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (stored !== sum) throw new TarFormatError(`${at} has a bad checksum (not a tar archive, or corrupt)`);
  const typeflag = String.fromCharCode(block[156]!);
  const ustar = block.toString('latin1', 257, 263) === 'ustar\0';
  // Only a device's devmajor/devminor are read: other writers leave anything in them.
  const device = (typeflag === '3' || typeflag === '4') && block.toString('latin1', 257, 262) === 'ustar';
  const name = cString(block.subarray(0, 100));
  const prefix = ustar ? cString(block.subarray(345, 500)) : '';
  const size = number(block, 124, 12, `${at}: size`);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    type: TYPES[typeflag] ?? 'unknown',
    typeflag,
    size,
    mode: number(block, 100, 8, `${at}: mode`) & 0o7777,
    uid: number(block, 108, 8, `${at}: uid`),
    gid: number(block, 116, 8, `${at}: gid`),
    uname: cString(block.subarray(265, 297)),
    gname: cString(block.subarray(297, 329)),
    mtime: new Date(number(block, 136, 12, `${at}: mtime`) * 1000),
    linkname: cString(block.subarray(157, 257)),
    devMajor: device ? number(block, 329, 8, `${at}: devmajor`) : 0,
    devMinor: device ? number(block, 337, 8, `${at}: devminor`) : 0,
    xattrs: {},
  };
}

/** An octal field (spaces and NULs around it allowed), or GNU base-256 (positive only). */
function number(block: Buffer, offset: number, width: number, what: string): number {
  if (block[offset]! & 0x80) {
    if (block[offset] !== 0x80) throw new TarFormatError(`${what} is negative`);
    let value = 0;
    for (let i = offset + 1; i < offset + width; i++) value = value * 256 + block[i]!;
    return value;
  }
  return octal(block, offset, width, what);
}

function octal(block: Buffer, offset: number, width: number, what: string): number {
  const text = block.toString('latin1', offset, offset + width).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`${what} field is not a number: ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** PAX records: `LENGTH KEY=VALUE\n`, where LENGTH counts the whole record; anything else is refused. */
export function decodePax(data: Buffer, offset: number): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  // A PAX header padded with NULs (some writers do) ends where a record would start with a NUL; values
  // themselves may hold NULs (a binary xattr), so records are walked by their lengths.
  const end = data.length;
  while (at < end && data[at] !== 0) {
    const space = data.indexOf(0x20, at);
    const lengthText = space < 0 ? '' : data.toString('latin1', at, space);
    const length = /^[1-9][0-9]{0,8}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(length > lengthText.length + 1) || at + length > end || data[at + length - 1] !== 0x0a) {
      throw new TarFormatError(`PAX header at offset ${offset} has a malformed record at byte ${at}`);
    }
    const equals = data.indexOf(0x3d, space + 1); // '='
    if (equals <= space + 1 || equals >= at + length - 1) throw new TarFormatError(`PAX header at offset ${offset} has a record without a key at byte ${at}`);
    const key = data.toString('utf8', space + 1, equals);
    // An xattr value is bytes (a binary security.capability), kept byte for byte; the rest is UTF-8 text.
    records[key] = data.toString(key.startsWith(XATTR) ? 'latin1' : 'utf8', equals + 1, at + length - 1);
    at += length;
  }
  return records;
}

function paxNumber(text: string, what: string, offset: number): number {
  if (!/^[0-9]{1,16}$/.test(text)) throw new TarFormatError(`PAX header at offset ${offset}: ${what} ${JSON.stringify(text)} is not a number`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new TarFormatError(`PAX header at offset ${offset}: ${what} is too large`);
  return value;
}

function checkName(name: string, what: string, offset: number): void {
  const bytes = Buffer.byteLength(name);
  if (bytes > MAX_NAME_BYTES) throw new TarFormatError(`member at offset ${offset} has a ${what} of ${bytes} bytes; file systems allow ${MAX_NAME_BYTES}`);
}
