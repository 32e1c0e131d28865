// Common `ar` archive codec, the .deb container (docs/FORMATS.md §B2.1): the `!<arch>\n` magic, then
// per member a 60-byte header name[16] mtime[12] uid[6] gid[6] mode[8] size[10] "`\n", the data,
// and a `\n` pad to an even offset. No long-name tables: deb member names fit the 16-byte field, and
// dpkg-deb writes them without the trailing `/`, with uid/gid 0 and mode 100644. Pure functions over
// bytes; the deb input reads headers from a file and streams member data straight from it.

export const AR_MAGIC = Buffer.from('!<arch>\n', 'latin1');

export const AR_HEADER_SIZE = 60;

/** The largest member the 10-digit decimal size field can describe (≈ 9.3 GiB). */
export const AR_MAX_SIZE = 9_999_999_999;

/** One member's header, as encoded and as decoded. */
export interface ArMember {
  /** At most 16 bytes of printable ASCII, no `/` (deb names are ≤ 15: `control.tar.zst`). */
  name: string;
  size: number;
  /** Seconds; SOURCE_DATE_EPOCH for reproducible packages. */
  mtime: number;
  uid: number;
  gid: number;
  /** Octal in the header: a regular file rw-r--r-- is 100644. */
  mode: number;
}

/** A member as dpkg-deb writes it: owned by 0:0, mode 100644. */
export function arMember(name: string, size: number, mtime = 0): ArMember {
  return { name, size, mtime, uid: 0, gid: 0, mode: 0o100644 };
}

/** The 60-byte header: name[16] mtime[12] uid[6] gid[6] mode[8] size[10] "`\n", space padded. */
export function encodeArHeader(member: ArMember): Buffer {
  const { name, size, mtime } = member;
  if (!/^[!-.0-~]{1,16}$/.test(name)) throw new RangeError(`ar member name '${name}' is not 1..16 printable ASCII characters without '/'`);
  if (!Number.isInteger(size) || size < 0 || size > AR_MAX_SIZE) throw new RangeError(`ar member '${name}' size ${size} does not fit the 10-digit field`);
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > 999_999_999_999) throw new RangeError(`ar member '${name}' mtime ${mtime} does not fit the 12-digit field`);
  const header =
    name.padEnd(16) +
    String(mtime).padEnd(12) +
    String(member.uid).padEnd(6) +
    String(member.gid).padEnd(6) +
    member.mode.toString(8).padEnd(8) +
    String(size).padEnd(10) +
    '`\n';
  return Buffer.from(header, 'latin1');
}

/** The `\n` that pads odd-sized member data to an even length (empty for even sizes). */
export function arPadding(size: number): Buffer {
  return size % 2 === 1 ? Buffer.from('\n', 'latin1') : Buffer.alloc(0);
}

export function isArArchive(head: Uint8Array): boolean {
  return AR_MAGIC.equals(head.subarray(0, 8));
}

/** Decodes one 60-byte member header; throws an Error with a short reason when it is not one. */
export function decodeArHeader(block: Uint8Array): ArMember {
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
export function nextMemberOffset(member: ArMember, offset: number): number {
  return offset + member.size + (member.size % 2);
}
