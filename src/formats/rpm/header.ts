// rpm v4 header encoder (docs/FORMATS.md §B1.2). Used for both the signature header (region tag 62) and the
// main header (region tag 63). Layout:
//   intro  8e ad e8 01 00 00 00 00 | il (uint32) | dl (uint32)
//   index  il × {tag, type, offset, count}, sorted by tag, the region entry first
//   data   dl bytes, laid out in index order; integers aligned to their size relative to the start
//          of the data (zero padding, and only before integer types: rpmpack notes that some rpm
//          versions reject aligned non-integers); last come the 16 bytes of the region trailer.
import { HEADER_MAGIC, RpmType, typeAlignment, type RpmTypeId } from './tags.js';

export type HeaderValue = string | readonly string[] | readonly number[] | readonly bigint[] | Uint8Array;

export interface HeaderEntry {
  tag: number;
  type: RpmTypeId;
  /**
   * STRING: a string. STRING_ARRAY / I18NSTRING: strings. CHAR / INT8 / INT16 / INT32: numbers.
   * INT64: numbers or bigints. BIN: bytes.
   */
  value: HeaderValue;
}

const INDEX_ENTRY_SIZE = 16;

interface Encoded {
  bytes: Buffer;
  count: number;
}

function encodeValue(entry: HeaderEntry): Encoded {
  const { type, value, tag } = entry;
  const numbers = () => {
    if (typeof value === 'string' || value instanceof Uint8Array) throw new TypeError(`rpm tag ${tag}: expected numbers`);
    return value as readonly (number | bigint)[];
  };
  const strings = (): readonly string[] => {
    if (typeof value === 'string') return [value];
    if (value instanceof Uint8Array) throw new TypeError(`rpm tag ${tag}: expected strings`);
    return value as readonly string[];
  };
  switch (type) {
    case RpmType.STRING: {
      if (typeof value !== 'string') throw new TypeError(`rpm tag ${tag}: a STRING holds one string`);
      return { bytes: Buffer.from(value + '\0', 'utf8'), count: 1 };
    }
    case RpmType.STRING_ARRAY:
    case RpmType.I18NSTRING: {
      const list = strings();
      return { bytes: Buffer.from(list.map((s) => s + '\0').join(''), 'utf8'), count: list.length };
    }
    case RpmType.BIN: {
      if (!(value instanceof Uint8Array)) throw new TypeError(`rpm tag ${tag}: a BIN holds bytes`);
      return { bytes: Buffer.from(value), count: value.length };
    }
    case RpmType.CHAR:
    case RpmType.INT8: {
      const list = numbers();
      return { bytes: Buffer.from(list.map((n) => Number(n) & 0xff)), count: list.length };
    }
    case RpmType.INT16: {
      const list = numbers();
      const bytes = Buffer.alloc(list.length * 2);
      list.forEach((n, i) => bytes.writeUInt16BE(Number(n) & 0xffff, i * 2));
      return { bytes, count: list.length };
    }
    case RpmType.INT32: {
      const list = numbers();
      const bytes = Buffer.alloc(list.length * 4);
      list.forEach((n, i) => bytes.writeUInt32BE(Number(n) >>> 0, i * 4));
      return { bytes, count: list.length };
    }
    case RpmType.INT64: {
      const list = numbers();
      const bytes = Buffer.alloc(list.length * 8);
      list.forEach((n, i) => bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(n)), i * 8));
      return { bytes, count: list.length };
    }
    default:
      throw new TypeError(`rpm tag ${tag}: unsupported type ${type}`);
  }
}

/**
 * Encodes a header with an immutable region (`regionTag` 62 for the signature header, 63 for the main
 * header). `entries` must not contain the region tag; they are sorted by tag here.
 */
export function encodeHeader(entries: readonly HeaderEntry[], regionTag: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.tag === sorted[i - 1]!.tag) throw new Error(`rpm header: tag ${sorted[i]!.tag} given twice`);
  }
  if (sorted.some((e) => e.tag <= regionTag)) throw new Error(`rpm header: tags must be above the region tag ${regionTag}`);
  const il = sorted.length + 1;
  const index = Buffer.alloc(il * INDEX_ENTRY_SIZE);
  const chunks: Buffer[] = [];
  let dl = 0;
  sorted.forEach((entry, i) => {
    const { bytes, count } = encodeValue(entry);
    if (count === 0) throw new Error(`rpm header: tag ${entry.tag} has no value (rpm needs count >= 1)`);
    const align = typeAlignment(entry.type);
    const pad = (align - (dl % align)) % align;
    if (pad) {
      chunks.push(Buffer.alloc(pad));
      dl += pad;
    }
    writeIndexEntry(index, i + 1, entry.tag, entry.type, dl, count);
    chunks.push(bytes);
    dl += bytes.length;
  });
  // The region entry points at the trailer, a copy of itself whose offset is minus the index size:
  // rpm finds the region's extent from it (format_header.md "Immutable regions").
  writeIndexEntry(index, 0, regionTag, RpmType.BIN, dl, 16);
  const trailer = Buffer.alloc(INDEX_ENTRY_SIZE);
  writeIndexEntry(trailer, 0, regionTag, RpmType.BIN, -(il * INDEX_ENTRY_SIZE), 16);
  chunks.push(trailer);
  dl += trailer.length;

  const intro = Buffer.alloc(16);
  Buffer.from(HEADER_MAGIC).copy(intro, 0);
  intro.writeUInt32BE(il, 8);
  intro.writeUInt32BE(dl, 12);
  return Buffer.concat([intro, index, ...chunks]);
}

function writeIndexEntry(buf: Buffer, slot: number, tag: number, type: number, offset: number, count: number): void {
  const at = slot * INDEX_ENTRY_SIZE;
  buf.writeUInt32BE(tag, at);
  buf.writeUInt32BE(type, at + 4);
  buf.writeInt32BE(offset, at + 8);
  buf.writeUInt32BE(count, at + 12);
}

/** Zero bytes to pad the signature header to a multiple of 8 (the main header is not padded). */
export function signaturePadding(headerLength: number): Buffer {
  return Buffer.alloc((8 - (headerLength % 8)) % 8);
}
