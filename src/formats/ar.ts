// Common `ar` archive encoder, as dpkg-deb writes the .deb container (docs/FORMATS.md §B2.1):
// the `!<arch>\n` magic, then per member a 60-byte header and the data padded to an even length
// with `\n`. No long-name tables: deb member names fit the 16-byte field, and dpkg-deb writes them
// without the trailing `/`, with uid/gid 0 and mode 100644.

export const AR_MAGIC = Buffer.from('!<arch>\n', 'latin1');

export const AR_HEADER_SIZE = 60;

/** The largest member the 10-digit decimal size field can describe (≈ 9.3 GiB). */
export const AR_MAX_SIZE = 9_999_999_999;

export interface ArMember {
  /** At most 16 bytes of printable ASCII, no `/` (deb names are ≤ 15: `control.tar.zst`). */
  name: string;
  size: number;
  /** Seconds; SOURCE_DATE_EPOCH for reproducible packages. Default 0. */
  mtime?: number;
}

/** The 60-byte header: name[16] mtime[12] uid[6] gid[6] mode[8] size[10] "`\n", space padded. */
export function encodeArHeader(member: ArMember): Buffer {
  const { name, size, mtime = 0 } = member;
  if (!/^[!-.0-~]{1,16}$/.test(name)) throw new RangeError(`ar member name '${name}' is not 1..16 printable ASCII characters without '/'`);
  if (!Number.isInteger(size) || size < 0 || size > AR_MAX_SIZE) throw new RangeError(`ar member '${name}' size ${size} does not fit the 10-digit field`);
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > 999_999_999_999) throw new RangeError(`ar member '${name}' mtime ${mtime} does not fit the 12-digit field`);
  const header =
    name.padEnd(16) +
    String(mtime).padEnd(12) +
    '0'.padEnd(6) + // uid
    '0'.padEnd(6) + // gid
    '100644'.padEnd(8) + // mode, octal: a regular file rw-r--r--
    String(size).padEnd(10) +
    '`\n';
  return Buffer.from(header, 'latin1');
}

/** The `\n` that pads odd-sized member data to an even length (empty for even sizes). */
export function arPadding(size: number): Buffer {
  return size % 2 === 1 ? Buffer.from('\n', 'latin1') : Buffer.alloc(0);
}
