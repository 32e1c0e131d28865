// Structure-aware mutations for the fuzzer: each format is taken apart where it has structure (ar
// members, compressed layers, tar and cpio headers, rpm header entries, package.json values), one
// part is changed, and the whole is put back together with its sizes, checksums and digests fixed
// most of the time, so that mutations reach the code behind the first integrity check.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressor, decompressor, sniffCompression, type Compression } from '../src/formats/compress.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same mutations on every machine. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const INTERESTING_TEXT = [
  '', '.', '..', '../../evil', '/abs/path', 'a/../../b', 'x'.repeat(300), 'a/'.repeat(300) + 'f', 'name\nwith\nnewlines',
  '\x1b[31mred', '-1', '0', '99999999999', '1/2', 'é', '\0', ' ', 'usr/bin/../../../etc/passwd',
];

/** Generic byte mutations: flips, interesting values, truncation, duplication, insertion. */
export function mutateBytes(input: Buffer, rnd: Random): Buffer {
  const bytes = Buffer.from(input);
  if (bytes.length === 0) return Buffer.from([rnd.int(256)]);
  switch (rnd.int(6)) {
    case 0: { // flip a few bits
      for (let i = 1 + rnd.int(4); i > 0; i--) { const at = rnd.int(bytes.length); bytes[at] = bytes[at]! ^ (1 << rnd.int(8)); }
      return bytes;
    }
    case 1: { // interesting byte values
      for (let i = 1 + rnd.int(3); i > 0; i--) bytes[rnd.int(bytes.length)] = rnd.pick([0, 0xff, 0x7f, 0x80, 0x2f, 0x2e, 0x0a, 0x30, 0x37, 0x20]);
      return bytes;
    }
    case 2: return bytes.subarray(0, rnd.int(bytes.length)); // truncate
    case 3: { // duplicate a range
      const from = rnd.int(bytes.length);
      const to = Math.min(bytes.length, from + 1 + rnd.int(1024));
      const at = rnd.int(bytes.length);
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(from, to), bytes.subarray(at)]);
    }
    case 4: { // insert random bytes
      const at = rnd.int(bytes.length);
      const junk = Buffer.from(Array.from({ length: 1 + rnd.int(64) }, () => rnd.int(256)));
      return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
    }
    default: { // overwrite a range with a text that means something to a parser
      const text = Buffer.from(rnd.pick(INTERESTING_TEXT));
      text.copy(bytes, rnd.int(bytes.length));
      return bytes;
    }
  }
}

async function through(stream: NodeJS.ReadWriteStream, input: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([input]), stream, async (source: AsyncIterable<string | Buffer>) => {
    for await (const chunk of source) chunks.push(Buffer.from(chunk));
  });
  return Buffer.concat(chunks);
}

/** Applies `mutate` to the decompressed content and compresses it again (bzip2 and lzma: the raw bytes). */
async function insideCompression(input: Buffer, rnd: Random, mutate: (inner: Buffer, rnd: Random) => Buffer | Promise<Buffer>): Promise<Buffer> {
  const kind: Compression = sniffCompression(input);
  if (kind === 'none') return mutate(input, rnd);
  if (kind === 'bzip2' || kind === 'lzma' || rnd.chance(0.15)) return mutateBytes(input, rnd);
  const inner = await through(decompressor(kind), input);
  return through(compressor(kind, kind === 'xz' ? 0 : 1), await mutate(inner, rnd));
}

// --- tar -------------------------------------------------------------------------------------

function tarHeaders(tar: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const block = tar.subarray(at, at + 512);
    if (block.every((b) => b === 0)) break;
    const size = parseInt(block.toString('latin1', 124, 136).replace(/[\0 ]/g, '') || '0', 8);
    offsets.push(at);
    if (!Number.isFinite(size) || size < 0) break;
    const type = String.fromCharCode(block[156]!);
    at += 512 + (type === '5' ? 0 : Math.ceil(size / 512) * 512);
  }
  return offsets;
}

function fixTarChecksum(block: Buffer): void {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
}

const TAR_FIELDS: [offset: number, width: number][] = [[0, 100], [100, 8], [108, 8], [116, 8], [124, 12], [136, 12], [156, 1], [157, 100], [257, 8], [265, 32], [345, 155]];

/** Mutates one tar header field (and usually fixes its checksum), or adds a hostile member. */
export function mutateTar(input: Buffer, rnd: Random): Buffer {
  const tar = Buffer.from(input);
  const headers = tarHeaders(tar);
  if (headers.length === 0 || rnd.chance(0.1)) return mutateBytes(tar, rnd);
  if (rnd.chance(0.15)) return Buffer.concat([hostileMember(rnd), tar]);
  const at = rnd.pick(headers);
  const block = tar.subarray(at, at + 512);
  const [offset, width] = rnd.pick(TAR_FIELDS);
  const field = block.subarray(offset, offset + width);
  if (offset === 156) {
    field[0] = rnd.pick([...'01234567LKxgSVDM'].map((c) => c.charCodeAt(0)).concat([0, 0xff]));
  } else if ([100, 108, 116, 124, 136].includes(offset)) {
    const values = ['0', '7777777', '77777777777', '-1', '1000', '99', 'zz', ''];
    if (rnd.chance(0.2)) { field.fill(0xff); } else if (rnd.chance(0.2)) { field.fill(0); field[0] = 0x80; field[width - 1] = rnd.int(256); } else {
      field.fill(0);
      field.write(rnd.pick(values).slice(0, width), 'latin1');
    }
  } else {
    field.fill(0);
    field.write(rnd.pick(INTERESTING_TEXT).slice(0, width), 'utf8');
  }
  if (rnd.chance(0.9)) fixTarChecksum(block);
  return rnd.chance(0.1) ? tar.subarray(0, rnd.int(tar.length)) : tar;
}

function hostileMember(rnd: Random): Buffer {
  const name = rnd.pick(INTERESTING_TEXT);
  const data = Buffer.from(rnd.chance(0.5) ? '' : 'x'.repeat(rnd.int(2000)));
  const block = Buffer.alloc(512);
  const longName = Buffer.byteLength(name) > 99;
  block.write(longName ? '././@LongLink' : name, 0, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write((longName ? Buffer.byteLength(name) + 1 : data.length).toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  block.write('00000000000\0', 136, 'latin1');
  block.write(longName ? 'L' : rnd.pick(['0', '2', '1', '5', '3', '6']), 156, 'latin1');
  block.write(rnd.pick(INTERESTING_TEXT).slice(0, 99), 157, 'utf8');
  block.write('ustar  \0', 257, 'latin1');
  fixTarChecksum(block);
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
  if (!longName) return Buffer.concat([block, pad(data)]);
  const real = Buffer.from(block);
  real.fill(0, 0, 100);
  real.write('x', 0);
  real.write(data.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  real.write('0', 156, 'latin1');
  fixTarChecksum(real);
  return Buffer.concat([block, pad(Buffer.from(name + '\0')), real, pad(data)]);
}

/** A (compressed) tarball, mutated inside its compression. */
export function mutateTarball(input: Buffer, rnd: Random): Promise<Buffer> {
  return insideCompression(input, rnd, mutateTar);
}

// --- deb (ar) -------------------------------------------------------------------------------

interface ArPart { header: Buffer; data: Buffer }

function arMembers(deb: Buffer): ArPart[] | undefined {
  if (deb.toString('latin1', 0, 8) !== '!<arch>\n') return undefined;
  const parts: ArPart[] = [];
  for (let at = 8; at + 60 <= deb.length;) {
    const header = deb.subarray(at, at + 60);
    const size = Number(header.toString('latin1', 48, 58).trim());
    if (!Number.isSafeInteger(size)) return undefined;
    parts.push({ header: Buffer.from(header), data: deb.subarray(at + 60, at + 60 + size) });
    at += 60 + size + (size % 2);
  }
  return parts;
}

function arJoin(parts: ArPart[], fixSizes: boolean): Buffer {
  const out: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const { header, data } of parts) {
    if (fixSizes) header.write(String(data.length).padEnd(10, ' '), 48, 'latin1');
    out.push(header, data, data.length % 2 ? Buffer.from('\n') : Buffer.alloc(0));
  }
  return Buffer.concat(out);
}

/** Mutates the control text files inside control.tar (fields with hostile values). */
function mutateControlText(text: string, rnd: Random): string {
  const fields = ['Package', 'Version', 'Architecture', 'Maintainer', 'Description', 'Depends', 'Installed-Size', 'Conffiles'];
  const field = rnd.pick(fields);
  const value = rnd.pick([...INTERESTING_TEXT, '1.0/../../x', 'a (>= ', '1:2:3', 'x'.repeat(100_000)]);
  const line = new RegExp(`^${field}:.*$`, 'm');
  return line.test(text) && rnd.chance(0.7) ? text.replace(line, `${field}: ${value}`) : `${text}${field}: ${value}\n`;
}

function mutateControlTar(tar: Buffer, rnd: Random): Buffer {
  if (rnd.chance(0.5)) return mutateTar(tar, rnd);
  // Replace the content of one small member (control, md5sums, conffiles …) keeping the tar valid.
  const headers = tarHeaders(tar);
  const files = headers.filter((at) => tar[at + 156] === 0x30 || tar[at + 156] === 0);
  if (files.length === 0) return mutateTar(tar, rnd);
  const at = rnd.pick(files);
  const size = parseInt(tar.toString('latin1', at + 124, at + 136).replace(/[\0 ]/g, '') || '0', 8);
  const end = at + 512 + Math.ceil(size / 512) * 512;
  const text = mutateControlText(tar.toString('utf8', at + 512, at + 512 + size), rnd);
  const data = Buffer.from(text);
  const block = Buffer.from(tar.subarray(at, at + 512));
  block.write(data.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  fixTarChecksum(block);
  return Buffer.concat([tar.subarray(0, at), block, data, Buffer.alloc((512 - (data.length % 512)) % 512), tar.subarray(end)]);
}

export async function mutateDeb(input: Buffer, rnd: Random): Promise<Buffer> {
  const parts = arMembers(input);
  if (!parts || parts.length === 0 || rnd.chance(0.1)) return mutateBytes(input, rnd);
  const choice = rnd.int(10);
  if (choice === 0) { // an ar header field
    const part = rnd.pick(parts);
    const [offset, width] = rnd.pick([[0, 16], [16, 12], [40, 8], [48, 10], [58, 2]] as const);
    part.header.fill(0x20, offset, offset + width);
    part.header.write(rnd.pick(['0', '-1', '99999999', 'data.tar.zz', 'control.tar', '_x', '', '../x']).slice(0, width), offset, 'latin1');
    return arJoin(parts, false);
  }
  if (choice === 1) { // drop, duplicate or reorder members
    const i = rnd.int(parts.length);
    if (rnd.chance(0.5)) parts.splice(i, 1); else parts.splice(rnd.int(parts.length), 0, { header: Buffer.from(parts[i]!.header), data: parts[i]!.data });
    return arJoin(parts, true);
  }
  const name = (p: ArPart) => p.header.toString('latin1', 0, 16).trim();
  const control = parts.find((p) => name(p).startsWith('control.tar'));
  const data = parts.find((p) => name(p).startsWith('data.tar'));
  const target = choice < 6 ? control : data;
  if (!target) return mutateBytes(input, rnd);
  target.data = await insideCompression(target.data, rnd, target === control ? mutateControlTar : mutateTar);
  return arJoin(parts, rnd.chance(0.95));
}

// --- rpm ---------------------------------------------------------------------------------

export interface RpmHeaderSpan { start: number; il: number; dl: number; end: number }

export function headerAt(rpm: Buffer, start: number): RpmHeaderSpan | undefined {
  if (start + 16 > rpm.length || rpm.readUInt32BE(start) !== 0x8eade801) return undefined;
  const il = rpm.readUInt32BE(start + 8);
  const dl = rpm.readUInt32BE(start + 12);
  const end = start + 16 + il * 16 + dl;
  return end <= rpm.length ? { start, il, dl, end } : undefined;
}

export function entries(rpm: Buffer, h: RpmHeaderSpan): { tag: number; type: number; offset: number; count: number; at: number }[] {
  return Array.from({ length: h.il }, (_, i) => {
    const at = h.start + 16 + i * 16;
    return { tag: rpm.readUInt32BE(at), type: rpm.readUInt32BE(at + 4), offset: rpm.readInt32BE(at + 8), count: rpm.readUInt32BE(at + 12), at };
  });
}

/** Rewrites, in place, the digests and sizes the signature and main header carry, so mutations get past them. */
export function fixRpmDigests(rpm: Buffer, sig: RpmHeaderSpan, main: RpmHeaderSpan, payloadSize?: number): void {
  const payload = rpm.subarray(main.end);
  const mainData = main.start + 16 + main.il * 16;
  for (const e of entries(rpm, main)) {
    if (e.tag === 5092 && e.type === 8 && e.offset >= 0 && e.offset + 64 <= main.dl) { // PAYLOADDIGEST, sha256
      rpm.write(createHash('sha256').update(payload).digest('hex'), mainData + e.offset, 'latin1');
    }
  }
  const headerBytes = rpm.subarray(main.start, main.end);
  const sigData = sig.start + 16 + sig.il * 16;
  for (const e of entries(rpm, sig)) {
    const at = sigData + e.offset;
    if (e.offset < 0 || e.offset > sig.dl) continue;
    if (e.tag === 273 && e.offset + 64 <= sig.dl) rpm.write(createHash('sha256').update(headerBytes).digest('hex'), at, 'latin1');
    if (e.tag === 269 && e.offset + 40 <= sig.dl) rpm.write(createHash('sha1').update(headerBytes).digest('hex'), at, 'latin1');
    if (e.tag === 1004 && e.offset + 16 <= sig.dl) createHash('md5').update(headerBytes).update(payload).digest().copy(rpm, at);
    if (e.tag === 1000 && e.type === 4 && e.offset + 4 <= sig.dl) rpm.writeUInt32BE((rpm.length - main.start) >>> 0, at);
    if (e.tag === 1007 && e.type === 4 && payloadSize !== undefined && e.offset + 4 <= sig.dl) rpm.writeUInt32BE(payloadSize >>> 0, at);
  }
}

function mutateCpio(cpio: Buffer, rnd: Random): Buffer {
  const out = Buffer.from(cpio);
  const headers: number[] = [];
  for (let at = out.indexOf('070701'); at >= 0 && headers.length < 1000; at = out.indexOf('070701', at + 6)) headers.push(at);
  if (headers.length === 0 || rnd.chance(0.2)) return mutateBytes(out, rnd);
  const at = rnd.pick(headers);
  const field = rnd.int(13);
  out.write(rnd.pick(['00000000', 'ffffffff', '7fffffff', '00001000', 'zzzzzzzz', '0000a1ed', '000041ed', '0000a000']), at + 6 + field * 8, 'latin1');
  if (rnd.chance(0.3)) { // rename the member: `..`, absolute, long
    const nameSize = parseInt(out.toString('latin1', at + 94, at + 102), 16);
    if (Number.isFinite(nameSize) && nameSize > 2) out.write(rnd.pick(['./../../x', '/etc/passwd', './a\nb', '.']).padEnd(nameSize - 1, '/').slice(0, nameSize - 1), at + 110, 'utf8');
  }
  return out;
}

/** The signature and main header of an rpm, when both are there. */
export function rpmHeaders(rpm: Buffer): { sig: RpmHeaderSpan; main: RpmHeaderSpan } | undefined {
  const sig = headerAt(rpm, 96);
  const main = sig ? headerAt(rpm, sig.end + ((8 - ((sig.end - 96) % 8)) % 8)) : undefined;
  return sig && main ? { sig, main } : undefined;
}

export async function mutateRpm(input: Buffer, rnd: Random): Promise<Buffer> {
  const { sig, main } = rpmHeaders(input) ?? {};
  if (!sig || !main || rnd.chance(0.1)) return mutateBytes(input, rnd);
  const rpm = Buffer.from(input);
  const choice = rnd.int(10);
  if (choice < 4) { // a main header index entry or its data
    const e = rnd.pick(entries(rpm, main));
    const mainData = main.start + 16 + main.il * 16;
    switch (rnd.int(4)) {
      case 0: rpm.writeUInt32BE(rnd.pick([0, 1, 6, 7, 9, 10, 0xffffffff]), e.at + 4); break;
      case 1: rpm.writeInt32BE(rnd.pick([-1, main.dl, main.dl - 1, 0x7fffffff, rnd.int(main.dl)]), e.at + 8); break;
      case 2: rpm.writeUInt32BE(rnd.pick([0, 1, 2, 1000, 0xffffffff, main.dl]), e.at + 12); break;
      default: // a string value: a hostile name, version or path
        if (e.type === 6 || e.type === 8 || e.type === 9) {
          const old = rpm.indexOf(0, mainData + e.offset) - (mainData + e.offset);
          if (old > 0) {
            const value = Buffer.from(rnd.pick(['../../evil', '1/2', '..', '/tmp/x', 'a\nb', 'x'.repeat(old)]));
            value.subarray(0, old).copy(rpm, mainData + e.offset);
            if (value.length < old) rpm.fill(0, mainData + e.offset + value.length, mainData + e.offset + old);
          }
        }
    }
    fixRpmDigests(rpm, sig, main);
    return rpm;
  }
  if (choice < 9) { // the payload's cpio, recompressed, digests fixed
    const payload = rpm.subarray(main.end);
    const kind = sniffCompression(payload);
    if (kind === 'bzip2' || kind === 'lzma') return mutateBytes(rpm, rnd);
    const inner = kind === 'none' ? payload : await through(decompressor(kind), payload);
    const mutated = mutateCpio(inner, rnd);
    const packed = kind === 'none' ? mutated : await through(compressor(kind, kind === 'xz' ? 0 : 1), mutated);
    const out = Buffer.concat([rpm.subarray(0, main.end), packed]);
    if (rnd.chance(0.9)) fixRpmDigests(out, sig, main, mutated.length);
    return out;
  }
  return mutateBytes(rpm, rnd);
}

// --- package.json -------------------------------------------------------------------------

const JSON_VALUES: unknown[] = [null, 0, -1, 1e308, true, [], {}, [1, 2], { a: 1 }, '', '../../evil', 'x'.repeat(10_000), 'a\nb', ['x', { y: null }]];

/** Replaces one value of package.json (a field or a nested one) with a value of another JSON type. */
export function mutatePackageJson(input: Buffer, rnd: Random): Buffer {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(input.toString('utf8')) as Record<string, unknown>;
  } catch {
    return mutateBytes(input, rnd);
  }
  if (rnd.chance(0.1)) return mutateBytes(input, rnd);
  const keys = ['name', 'version', 'description', 'license', 'licenses', 'homepage', 'author', 'maintainers', 'repository', 'engines', 'bin', 'man', 'dependencies'];
  for (let i = 1 + rnd.int(3); i > 0; i--) {
    const key = rnd.pick(keys);
    const current = pkg[key];
    if (current && typeof current === 'object' && !Array.isArray(current) && rnd.chance(0.5)) {
      const inner = current as Record<string, unknown>;
      const innerKeys = Object.keys(inner);
      inner[innerKeys.length ? rnd.pick(innerKeys) : 'x'] = rnd.pick(JSON_VALUES);
    } else {
      pkg[key] = rnd.pick(JSON_VALUES);
    }
  }
  if (rnd.chance(0.05)) return Buffer.from(JSON.stringify(rnd.pick(JSON_VALUES)));
  return Buffer.from(JSON.stringify(pkg));
}
