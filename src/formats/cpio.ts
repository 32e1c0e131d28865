// cpio encoder: SVR4 "newc" (magic 070701) and rpm's stripped "07070X" format (docs/FORMATS.md §B1.6, §B4).
// Pure byte functions; the caller streams file data between the headers it gets from here.
//
// newc: 6-byte magic + 13 fields of 8 hex digits (110 bytes), the name + NUL, zero padding so that
// header + name ends on a multiple of 4, then the data padded to 4. Every field is 32-bit, so a file
// of 4 GiB or more cannot be written: rpm then switches the whole payload to the stripped format,
// where each header is only `07070X` + the 8-hex-digit index of the file in the rpm header.

export const NEWC_MAGIC = '070701';
export const STRIPPED_MAGIC = '07070X';
export const NEWC_HEADER_SIZE = 110;
/** 6-byte magic + 8 hex digits. */
export const STRIPPED_HEADER_SIZE = 14;
export const TRAILER_NAME = 'TRAILER!!!';
/** The largest size a newc header can hold. */
export const NEWC_MAX_SIZE = 0xffffffff;

/** One member's newc header, as encoded and as decoded (the decoder fills every field). */
export interface CpioHeader {
  /** Archive name as written, e.g. `./usr/bin/foo` (no NUL). */
  name: string;
  ino: number;
  /** Full st_mode: type bits and permissions. */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  mtime: number;
  /** Bytes of data following this header (0 for dirs and all but the last hardlink). */
  size: number;
  /** The device the file was on (rpm writes 0). */
  devMajor?: number;
  devMinor?: number;
  /** The device number a character or block device node stands for. */
  rdevMajor?: number;
  rdevMinor?: number;
}

function hex8(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`cpio newc field ${field} out of range: ${value}`);
  }
  return value.toString(16).padStart(8, '0');
}

/** Zero bytes that bring `offset` to the next multiple of 4. */
export function cpioPadding(offset: number): Buffer {
  return Buffer.alloc((4 - (offset % 4)) % 4);
}

/**
 * A newc header with its name and the padding after the name. Assumes the header starts on a
 * multiple of 4 (true when every previous member's data was padded with cpioPadding).
 */
export function encodeNewcHeader(h: CpioHeader): Buffer {
  const name = Buffer.from(h.name + '\0', 'utf8');
  const fields = [
    hex8(h.ino, 'ino'), hex8(h.mode, 'mode'), hex8(h.uid, 'uid'), hex8(h.gid, 'gid'),
    hex8(h.nlink, 'nlink'), hex8(h.mtime, 'mtime'), hex8(h.size, 'filesize'),
    hex8(h.devMajor ?? 0, 'devmajor'), hex8(h.devMinor ?? 0, 'devminor'),
    hex8(h.rdevMajor ?? 0, 'rdevmajor'), hex8(h.rdevMinor ?? 0, 'rdevminor'),
    hex8(name.length, 'namesize'), '00000000', // check: only used by the 070702 "crc" variant
  ];
  const head = Buffer.from(NEWC_MAGIC + fields.join(''), 'ascii');
  return Buffer.concat([head, name, cpioPadding(NEWC_HEADER_SIZE + name.length)]);
}

/**
 * rpm's stripped header (lib/cpio.c rpmcpioStrippedHeaderWrite): magic + the file's index in the rpm
 * header arrays, padded to 4 (so 16 bytes). Name, mode, size … all come from the rpm header.
 */
export function encodeStrippedHeader(fileIndex: number): Buffer {
  const head = Buffer.from(STRIPPED_MAGIC + hex8(fileIndex, 'file index'), 'ascii');
  return Buffer.concat([head, cpioPadding(STRIPPED_HEADER_SIZE)]);
}

/** The closing `TRAILER!!!` entry (nlink 1, size 0). rpm does not pad the archive to 512 bytes. */
export function encodeNewcTrailer(): Buffer {
  return encodeNewcHeader({ name: TRAILER_NAME, ino: 0, mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, size: 0 });
}
