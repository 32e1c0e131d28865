// cpio decoder for rpm payloads (docs/FORMATS.md §B1.6, §B4): newc `070701`, crc `070702` (the same
// layout; its checksum is not checked here, rpm checks file digests instead) and rpm's stripped
// `07070X` (magic + 8 hex digits of the file's index in the header, then the data, sizes from the
// header; used for files ≥ 4 GiB). Header + name and data are each padded to a multiple of 4.
import { decodeLegacyText } from './text.js';
import { ByteReader } from './byte-reader.js';
import { NEWC_HEADER_SIZE, TRAILER_NAME, type CpioHeader } from './cpio.js';

/** Decodes the 110-byte newc/crc header (the name follows it); throws an Error naming the problem. */
function decodeNewcHeader(block: Uint8Array): { header: Omit<CpioHeader, 'name'>; nameSize: number } {
  const text = Buffer.from(block.subarray(0, NEWC_HEADER_SIZE)).toString('latin1');
  const magic = text.slice(0, 6);
  if (magic !== '070701' && magic !== '070702') throw new Error(`bad cpio magic '${printable(magic)}'`);
  const field = (i: number): number => {
    const raw = text.slice(6 + i * 8, 14 + i * 8);
    if (!/^[0-9a-fA-F]{8}$/.test(raw)) throw new Error(`bad cpio header field '${printable(raw)}'`);
    return parseInt(raw, 16);
  };
  field(12); // check: the 070702 checksum, not verified (rpm checks file digests instead)
  return {
    header: {
      ino: field(0), mode: field(1), uid: field(2), gid: field(3), nlink: field(4), mtime: field(5),
      size: field(6), devMajor: field(7), devMinor: field(8), rdevMajor: field(9), rdevMinor: field(10),
    },
    nameSize: field(11),
  };
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

const padTo4 = (n: number) => (4 - (n % 4)) % 4;

/** One member: a newc entry with its name, or a stripped entry with only the header index. */
export type CpioMember =
  | { kind: 'newc'; header: CpioHeader; size: number }
  | { kind: 'stripped'; index: number; size: number };

/**
 * Reads members one after another. After `next()`, read or skip the member's data with `body()`
 * before calling `next()` again (next() skips what was left).
 */
export class CpioReader {
  private readonly reader: ByteReader;
  private left = 0;
  private pad = 0;

  /** `strippedSize(index)` gives a stripped member's size from the header's file sizes. */
  constructor(source: AsyncIterable<Uint8Array>, private readonly strippedSize: (index: number) => number) {
    this.reader = new ByteReader(source);
  }

  get position(): number {
    return this.reader.position;
  }

  /** The next member, or null at the trailer. */
  async next(): Promise<CpioMember | null> {
    if (this.left > 0 || this.pad > 0) await this.reader.skip(this.left + this.pad);
    this.left = 0;
    this.pad = 0;
    const magic = (await this.reader.read(6)).toString('latin1');
    if (magic === '07070X') {
      const raw = (await this.reader.read(8)).toString('latin1');
      if (!/^[0-9a-fA-F]{8}$/.test(raw)) throw new Error(`bad stripped cpio index '${printable(raw)}'`);
      const index = parseInt(raw, 16);
      // rpmcpioStrippedHeaderWrite pads the 14-byte header to 4 (16 bytes), like newc's header + name.
      await this.reader.skip(padTo4(this.reader.position));
      const size = this.strippedSize(index);
      this.expectBody(size);
      return { kind: 'stripped', index, size };
    }
    const rest = await this.reader.read(NEWC_HEADER_SIZE - 6);
    const { header, nameSize } = decodeNewcHeader(Buffer.concat([Buffer.from(magic, 'latin1'), rest]));
    if (nameSize < 1 || nameSize > 65536) throw new Error(`bad cpio name size ${nameSize}`);
    const rawName = await this.reader.read(nameSize);
    if (rawName[rawName.length - 1] !== 0) throw new Error('cpio name is not NUL-terminated');
    await this.reader.skip(padTo4(this.reader.position));
    const name = decodeLegacyText(rawName.subarray(0, -1)); // as the rpm header's file names
    if (name === TRAILER_NAME) return null;
    this.expectBody(header.size);
    return { kind: 'newc', header: { ...header, name }, size: header.size };
  }

  private expectBody(size: number): void {
    this.left = size;
    this.pad = padTo4(this.reader.position + size);
  }

  /** Streams the current member's data to `sink`. */
  async body(sink: (chunk: Buffer) => Promise<void> | void): Promise<void> {
    const n = this.left;
    this.left = 0;
    await this.reader.forward(n, sink);
  }

  /** Consumes and discards whatever follows the trailer (rpm writes nothing; GNU cpio pads to 512). */
  async drain(): Promise<number> {
    return this.reader.drain();
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
