// OpenPGP packet framing (RFC 4880 §4.2) and multiprecision integers (§3.2).
import { PkgError } from '../core/errors.js';

export interface Packet {
  tag: number;
  body: Buffer;
}

function invalid(message: string): PkgError {
  return new PkgError('input-invalid', message);
}

/** Splits a binary OpenPGP message into its packets (old and new headers; no partial lengths: keys never use them). */
export function readPackets(data: Buffer): Packet[] {
  const packets: Packet[] = [];
  let at = 0;
  while (at < data.length) {
    const ctb = data[at]!;
    if ((ctb & 0x80) === 0) throw invalid(`not an OpenPGP packet at byte ${at}`);
    let tag: number;
    let length: number;
    let start: number;
    if (ctb & 0x40) {
      tag = ctb & 0x3f;
      const first = data[at + 1];
      if (first === undefined) throw invalid('truncated packet header');
      if (first < 192) [length, start] = [first, at + 2];
      else if (first < 224) [length, start] = [((first - 192) << 8) + (data[at + 2] ?? 0) + 192, at + 3];
      else if (first === 255) [length, start] = [readUint32(data, at + 2), at + 6];
      else throw invalid('partial-length packet in a key');
    } else {
      tag = (ctb >> 2) & 0x0f;
      const kind = ctb & 3;
      if (kind === 3) [length, start] = [data.length - at - 1, at + 1];
      else {
        const size = 1 << kind;
        if (at + 1 + size > data.length) throw invalid('truncated packet header');
        length = data.readUIntBE(at + 1, size);
        start = at + 1 + size;
      }
    }
    if (start + length > data.length) throw invalid(`truncated packet (tag ${tag})`);
    packets.push({ tag, body: data.subarray(start, start + length) });
    at = start + length;
  }
  return packets;
}

function readUint32(data: Buffer, at: number): number {
  if (at + 4 > data.length) throw invalid('truncated packet header');
  return data.readUInt32BE(at);
}

/** A packet with a header as gpg writes it: the old format (shortest length field) for tags below 16. */
export function encodePacket(tag: number, body: Uint8Array): Buffer {
  let header: Buffer;
  if (tag < 16) {
    const kind = body.length < 0x100 ? 0 : body.length < 0x10000 ? 1 : 2;
    header = Buffer.alloc(1 + (1 << kind));
    header[0] = 0x80 | (tag << 2) | kind;
    header.writeUIntBE(body.length, 1, 1 << kind);
  } else {
    header = Buffer.concat([Buffer.from([0xc0 | tag]), encodeNewLength(body.length)]);
  }
  return Buffer.concat([header, body]);
}

/** A new-format length, also the length of a signature subpacket (RFC 4880 §4.2.2, §5.2.3.1). */
export function encodeNewLength(length: number): Buffer {
  if (length < 192) return Buffer.from([length]);
  if (length < 8384) return Buffer.from([((length - 192) >> 8) + 192, (length - 192) & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = 255;
  out.writeUInt32BE(length, 1);
  return out;
}

/** A cursor over a packet body. */
export class Reader {
  at = 0;
  constructor(readonly data: Buffer, readonly what: string) {}

  byte(): number {
    const value = this.data[this.at];
    if (value === undefined) throw invalid(`${this.what} is truncated`);
    this.at += 1;
    return value;
  }

  uint32(): number {
    const value = this.bytes(4);
    return value.readUInt32BE(0);
  }

  bytes(count: number): Buffer {
    if (this.at + count > this.data.length) throw invalid(`${this.what} is truncated`);
    const value = this.data.subarray(this.at, this.at + count);
    this.at += count;
    return value;
  }

  /** An MPI: 2-byte bit count, then the big-endian bytes. */
  mpi(): Buffer {
    const bits = this.bytes(2).readUInt16BE(0);
    return this.bytes((bits + 7) >> 3);
  }

  rest(): Buffer {
    return this.bytes(this.data.length - this.at);
  }
}

/** An MPI of an unsigned big-endian number (leading zero bytes dropped, bit count exact). */
export function encodeMpi(value: Uint8Array): Buffer {
  let start = 0;
  while (start < value.length && value[start] === 0) start++;
  const bytes = Buffer.from(value.subarray(start));
  const top = bytes[0] ?? 0;
  const bits = bytes.length === 0 ? 0 : (bytes.length - 1) * 8 + (32 - Math.clz32(top));
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bits);
  return Buffer.concat([head, bytes]);
}

/** Left-pads a big-endian number to `size` bytes (MPIs drop leading zeros; raw keys need them back). */
export function padStart(value: Buffer, size: number): Buffer {
  if (value.length > size) throw invalid(`a ${size}-byte key value is ${value.length} bytes long`);
  return value.length === size ? value : Buffer.concat([Buffer.alloc(size - value.length), value]);
}
