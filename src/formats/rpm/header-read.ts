// rpm header decoder (docs/FORMATS.md §B1.2): intro `8e ad e8 01 00000000`, il, dl, then il 16-byte
// index entries {tag, type, offset, count} and dl bytes of data. Values are decoded per type;
// strings are UTF-8, or ISO-8859-1 when they are not valid UTF-8 (text.ts). The checks follow hdrblobVerifyInfo: type 1..9, offsets inside the data,
// counts that fit. Region tags (61–63) are kept as raw entries; rpm files keep every tag inside the
// immutable region, so no region-dribble merging is needed for reading a package file.
import type { HeaderEntry, HeaderValue } from './header.js';
import { decodeLegacyText } from '../text.js';
import { HEADER_MAGIC, RpmType, type RpmTypeId } from './tags.js';

export const HEADER_INTRO_SIZE = 16;
const MAX_DATA = 256 * 1024 * 1024;

/** The entries of a decoded header are the encoder's (header.ts), with integers as numbers and BIN as a Buffer. */

/** il and dl from the 16-byte intro, or an Error when the magic is wrong. */
export function decodeHeaderIntro(intro: Uint8Array): { il: number; dl: number; size: number } {
  if (intro.length < HEADER_INTRO_SIZE) throw new Error('header intro is truncated');
  if (!HEADER_MAGIC.slice(0, 4).every((b, i) => intro[i] === b)) throw new Error('bad header magic');
  const buf = Buffer.from(intro.buffer, intro.byteOffset, HEADER_INTRO_SIZE);
  const il = buf.readUInt32BE(8);
  const dl = buf.readUInt32BE(12);
  if (il < 1 || il > 0x10000) throw new Error(`implausible header index count ${il}`);
  if (dl > MAX_DATA) throw new Error(`implausible header data size ${dl}`);
  return { il, dl, size: HEADER_INTRO_SIZE + il * 16 + dl };
}

export class RpmHeader {
  constructor(readonly entries: ReadonlyMap<number, HeaderEntry>) {}

  has(tag: number): boolean {
    return this.entries.has(tag);
  }

  /** A string tag; for STRING_ARRAY/I18NSTRING the first element (the `C` locale). */
  string(tag: number): string | undefined {
    const value = this.entries.get(tag)?.value;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return undefined;
  }

  strings(tag: number): string[] {
    const value = this.entries.get(tag)?.value;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    return [];
  }

  numbers(tag: number): number[] {
    const value = this.entries.get(tag)?.value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
    if (Buffer.isBuffer(value)) return [...value];
    return [];
  }

  number(tag: number): number | undefined {
    return this.numbers(tag)[0];
  }

  binary(tag: number): Buffer | undefined {
    const value = this.entries.get(tag)?.value;
    return Buffer.isBuffer(value) ? value : undefined;
  }
}

/** Decodes a whole header blob (intro included). Throws an Error naming the bad entry. */
export function decodeHeader(blob: Uint8Array): RpmHeader {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const { il, dl, size } = decodeHeaderIntro(buf);
  if (buf.length < size) throw new Error('header is truncated');
  const dataStart = HEADER_INTRO_SIZE + il * 16;
  const data = buf.subarray(dataStart, dataStart + dl);
  const entries = new Map<number, HeaderEntry>();
  for (let i = 0; i < il; i++) {
    const at = HEADER_INTRO_SIZE + i * 16;
    const tag = buf.readUInt32BE(at);
    const type = buf.readUInt32BE(at + 4);
    const offset = buf.readInt32BE(at + 8);
    const count = buf.readUInt32BE(at + 12);
    if (type < RpmType.CHAR || type > RpmType.I18NSTRING) throw new Error(`tag ${tag} has bad type ${type}`);
    if (offset < 0 || offset > dl) throw new Error(`tag ${tag} has data offset ${offset} outside the header data`);
    if (count < 1 || count > dl) throw new Error(`tag ${tag} has bad count ${count}`);
    entries.set(tag, { tag, type: type as RpmTypeId, value: decodeValue(data, tag, type, offset, count) });
  }
  return new RpmHeader(entries);
}

function decodeValue(data: Buffer, tag: number, type: number, offset: number, count: number): HeaderValue {
  const need = (bytes: number) => {
    if (offset + bytes > data.length) throw new Error(`tag ${tag} data runs past the end of the header`);
  };
  switch (type) {
    case RpmType.CHAR:
    case RpmType.INT8:
      need(count);
      return [...data.subarray(offset, offset + count)];
    case RpmType.BIN:
      need(count);
      return Buffer.from(data.subarray(offset, offset + count));
    case RpmType.INT16:
      need(count * 2);
      return Array.from({ length: count }, (_, i) => data.readUInt16BE(offset + i * 2));
    case RpmType.INT32:
      need(count * 4);
      return Array.from({ length: count }, (_, i) => data.readUInt32BE(offset + i * 4));
    case RpmType.INT64:
      need(count * 8);
      return Array.from({ length: count }, (_, i) => Number(data.readBigUInt64BE(offset + i * 8)));
    default: {
      const strings: string[] = [];
      let at = offset;
      const n = type === RpmType.STRING ? 1 : count;
      for (let i = 0; i < n; i++) {
        const end = data.indexOf(0, at);
        if (end < 0) throw new Error(`tag ${tag} has an unterminated string`);
        strings.push(decodeLegacyText(data.subarray(at, end)));
        at = end + 1;
      }
      return type === RpmType.STRING ? strings[0]! : strings;
    }
  }
}
