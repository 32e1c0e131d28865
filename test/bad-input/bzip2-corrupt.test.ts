// pkgshift's own bzip2 decoder on corrupt, truncated and hostile streams: every failure is a
// Bzip2Error saying what is wrong (shown by the CLI in one line naming the archive), never a
// JavaScript error, a hang or unbounded buffering. No tool needed: the valid stream is a fixture
// (a tar of one README, `bzip2 -1`), the hostile ones are spelled bit by bit.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Bzip2Error } from '../../src/formats/bzip2/error.js';
import { bunzip2 } from '../../src/formats/bzip2/stream.js';
import { assertCleanFailure } from '../support/hostile.js';
import { pkgshift, tempDir } from '../support/helpers.js';

const FIXTURE = Buffer.from('QlpoMTFBWSZTWbaLjigAB25/jOmQAEBABP+AJhIQAH5k3nAgAAAAgAgwALIEVSGmTQ0AGjJptQPSNBFSnpqHqNBk0AaAaADDQyGmTQDENNNGhoy7TT+jBE+SBaoAtcyqmcjNABti2wsBRCiXi9YCiFwKIe+0uuCavKaZ4+QUQraqK7O0/Cq26EsIYqm631Yw5AohXCjrMCiEaFEQw8AohaCiF4CiEZzOXgohsok2xp+kxlw/S0j7+LhzBRCQdAD/F3JFOFCQtouOKA==', 'base64');

/** Decodes `bytes`, handed over in pieces of `piece` bytes. */
async function decode(bytes: Buffer, piece = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  async function* input() {
    for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
  }
  for await (const chunk of bunzip2(input())) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function rejects(bytes: Buffer, pattern: RegExp): Promise<void> {
  await assert.rejects(decode(bytes), (err: unknown) => err instanceof Bzip2Error && pattern.test(err.message));
}

function readBits(bytes: Buffer, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) value = value * 2 + ((bytes[i >> 3]! >> (7 - (i & 7))) & 1);
  return value;
}

function withBits(bytes: Buffer, at: number, width: number, value: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < width; i++) {
    const bit = Math.floor(value / 2 ** (width - 1 - i)) & 1;
    const pos = at + i;
    out[pos >> 3] = (out[pos >> 3]! & ~(0x80 >> (pos & 7))) | (bit << (7 - (pos & 7)));
  }
  return out;
}

/** Spells a stream bit by bit: [value, width] pairs, then `tail` bytes. */
function spell(fields: [number, number][], tail = Buffer.alloc(0)): Buffer {
  const bits: number[] = [];
  for (const [value, width] of fields) for (let i = width - 1; i >= 0; i--) bits.push(Math.floor(value / 2 ** i) & 1);
  while (bits.length % 8) bits.push(0);
  const head = Buffer.alloc(bits.length / 8);
  bits.forEach((bit, i) => { head[i >> 3]! |= bit << (7 - (i & 7)); });
  return Buffer.concat([head, tail]);
}

/** A level-1 block header using byte 0 only (alphabet of 3), two tables, one selector: then the tables. */
const HEADER: [number, number][] = [
  [0x425a6831, 32], [0x314159, 24], [0x265359, 24], [0, 32], [0, 1], [0, 24],
  [0x8000, 16], [0x8000, 16], [2, 3], [1, 15], [0, 1],
];

test('the fixture decodes, in one piece or a few bytes at a time', async () => {
  const whole = await decode(FIXTURE);
  assert.match(whole.subarray(0, 100).toString('latin1'), /^usr\/share\/doc\/x\/README/);
  assert.deepEqual(await decode(FIXTURE, 3), whole);
  assert.deepEqual(await decode(Buffer.concat([FIXTURE, FIXTURE])), Buffer.concat([whole, whole]), 'concatenated streams');
  assert.deepEqual(await decode(Buffer.concat([FIXTURE, Buffer.from('trailing garbage')])), whole, 'data after the stream is ignored, as bzip2 -d does');
});

test('corrupt stream and block headers, CRCs and origins are each named', async () => {
  const ranges = readBits(FIXTURE, 137, 16);
  const groupsAt = 153 + 16 * [...ranges.toString(2)].filter((b) => b === '1').length;
  let end = FIXTURE.length * 8 - 48;
  while (readBits(FIXTURE, end, 24) !== 0x177245 || readBits(FIXTURE, end + 24, 24) !== 0x385090) end--;
  const cases: [Buffer, RegExp][] = [
    [withBits(FIXTURE, 0, 8, 0x58), /not a bzip2 stream \(bad magic\)/],
    [withBits(FIXTURE, 24, 8, 0x30), /block size is not 1\.\.9/],
    [withBits(FIXTURE, 40, 1, readBits(FIXTURE, 40, 1) ^ 1), /no block magic/],
    [withBits(FIXTURE, 85, 1, readBits(FIXTURE, 85, 1) ^ 1), /a block CRC does not match its content/],
    [withBits(FIXTURE, 112, 1, 1), /randomised/],
    [withBits(FIXTURE, 113, 24, 0xffffff), /origin 16777215 beyond the block's \d+ bytes/],
    [withBits(FIXTURE, 137, 16, 0), /no byte values used/],
    [withBits(FIXTURE, groupsAt, 3, 7), /7 Huffman tables/],
    [withBits(FIXTURE, groupsAt, 3, 1), /1 Huffman tables/],
    [withBits(FIXTURE, groupsAt + 3, 15, 0), /no selectors/],
    [withBits(FIXTURE, end + 50, 1, readBits(FIXTURE, end + 50, 1) ^ 1), /the stream CRC does not match its blocks/],
  ];
  for (const [bytes, pattern] of cases) await rejects(bytes, pattern);
});

test('every truncation of a stream is refused as truncated', async () => {
  for (let length = 0; length < FIXTURE.length; length++) await rejects(FIXTURE.subarray(0, length), /the stream is truncated/);
});

test('every single bit flipped either gives the same bytes (padding) or a Bzip2Error', async () => {
  const whole = await decode(FIXTURE);
  let refused = 0;
  for (let bit = 0; bit < FIXTURE.length * 8; bit++) {
    const flipped = withBits(FIXTURE, bit, 1, readBits(FIXTURE, bit, 1) ^ 1);
    try {
      assert.deepEqual(await decode(flipped), whole, `bit ${bit} changed the output`);
    } catch (err) {
      if (!(err instanceof Bzip2Error)) throw err;
      refused++;
    }
  }
  // Flips that keep the output are in the padding or in a table no selector uses (+1 ⇄ -1).
  assert.ok(refused > FIXTURE.length * 8 * 0.95, `${refused} of ${FIXTURE.length * 8} flips refused`);
});

test('hostile Huffman tables: bad lengths, over-subscribed, incomplete, endless', async () => {
  // Table lengths: a 5-bit start, then per symbol 1x (x = 0: longer, 1: shorter) until a 0.
  const table = (start: number, ...deltas: [number, number][]): [number, number][] => [[start, 5], ...deltas];
  await rejects(spell([...HEADER, ...table(0)]), /a code length of 0/);
  await rejects(spell([...HEADER, ...table(20, [0b10, 2])]), /a code length of 21/);
  await rejects(spell([...HEADER, ...table(1, [0, 1], [0, 1], [0, 1])]), /more codes than its lengths allow/);
  // Three codes of 20 bits leave most patterns without a symbol: all ones matches none.
  const incomplete = table(20, [0, 1], [0, 1], [0, 1]);
  await rejects(spell([...HEADER, ...incomplete, ...incomplete, [0xfffff, 20]], Buffer.alloc(8, 0xff)), /a Huffman code matches no symbol/);
  // "+1, -1" forever (0xbb is 10 11 10 11): a table that never ends must not be buffered without
  // bound. Two selectors, so that the bits before the endless part end on a byte.
  const twoSelectors: [number, number][] = [...HEADER.slice(0, -2), [2, 15], [0, 1], [0, 1]];
  await rejects(spell([...twoSelectors, ...table(5, [0b1011, 4], [0b10, 2])], Buffer.alloc(1 << 20, 0xbb)), /a block is longer than its block size allows/);
});

test('a corrupt .tar.bz2 is one clean line naming the archive', (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(dir, 'hostile.tar.bz2'), withBits(FIXTURE, 85, 1, readBits(FIXTURE, 85, 1) ^ 1));
  const r = pkgshift(['-s', 'tar', '-t', 'tar', '-n', 'x', '-v', '1', '-p', `${out}/`, join(dir, 'hostile.tar.bz2')], { timeout: 60_000 });
  assertCleanFailure(r, /reading hostile\.tar\.bz2: the bzip2 data is corrupt \(a block CRC does not match its content\)$/, out);
  assert.deepEqual(readdirSync(out), []);
});
