// pkgshift's bzip2 decoder gives what `bzip2 -d` gives, byte for byte: random, text, runs (the
// run-length steps' edge cases), empty input, every block size, concatenated streams, a real
// package's data.tar.bz2 and corpus packages compressed by bzip2, fed whole or in small pieces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { bunzip2 } from '../../src/formats/bzip2/stream.js';
import { CORPUS, needTools, run, runOk, tempDir } from '../support/helpers.js';

async function decode(bytes: Buffer, piece = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  async function* input() {
    for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
  }
  for await (const chunk of bunzip2(input())) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What `bzip2 -d` makes of the file at `path`. */
function reference(path: string): Buffer {
  const r = run('sh', ['-c', 'bzip2 -dc < "$1" | base64 -w0', 'sh', path]);
  assert.equal(r.status, 0, r.stderr);
  return Buffer.from(r.stdout, 'base64');
}

function bzip2(dir: string, name: string, data: Buffer, level: number): string {
  const plain = join(dir, name);
  writeFileSync(plain, data);
  runOk('bzip2', ['-f', `-${level}`, plain]);
  return `${plain}.bz2`;
}

/** Deterministic pseudo-random bytes (xorshift), so that a failure can be repeated. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = Buffer.from(Array.from({ length: 30_000 }, (_, i) => `line ${i}: the quick brown fox ${i % 7 ? 'jumps' : 'sleeps'}\n`).join(''));
/** Runs of every length around the run-length steps' limits (4, 4 + 255, bijective base-2 runs). */
const runs = Buffer.concat([1, 2, 3, 4, 5, 6, 258, 259, 260, 261, 1000, 70_000].flatMap((n, i) => [Buffer.alloc(n, i % 3 ? 0x61 + i : 0), Buffer.from([0x7a])]));

test('bzip2 -1 .. -9 of random, text, runs, one byte and nothing decode as bzip2 -d does', async (t) => {
  if (!needTools(t, 'bzip2')) return;
  const dir = tempDir(t);
  const inputs: [string, Buffer][] = [
    ['random', noise(500_000, 7)], ['text', text], ['runs', runs], ['one', Buffer.from('x')], ['empty', Buffer.alloc(0)],
    ['bytes', Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => (i * 37) & 0xff))],
  ];
  for (let level = 1; level <= 9; level++) {
    for (const [name, data] of inputs) {
      const path = bzip2(dir, `${name}-${level}`, data, level);
      const expected = reference(path);
      assert.deepEqual(expected, data, `bzip2 round trip of ${name}`);
      assert.ok((await decode(readFileSync(path))).equals(expected), `${name} at -${level}`);
    }
  }
});

test('concatenated streams and input in small pieces decode as bzip2 -d does', async (t) => {
  if (!needTools(t, 'bzip2')) return;
  const dir = tempDir(t);
  const parts = [bzip2(dir, 'a', text, 1), bzip2(dir, 'b', runs, 9), bzip2(dir, 'c', noise(300_000, 3), 2)];
  const joined = join(dir, 'joined.bz2');
  writeFileSync(joined, Buffer.concat(parts.map((p) => readFileSync(p))));
  const expected = reference(joined);
  assert.equal(expected.length, text.length + runs.length + 300_000);
  const bytes = readFileSync(joined);
  assert.ok((await decode(bytes)).equals(expected), 'whole');
  assert.ok((await decode(bytes, 1)).equals(expected), 'one byte at a time');
  assert.ok((await decode(bytes, 4099)).equals(expected), 'odd pieces');
});

test('a real data.tar.bz2 and corpus packages compressed by bzip2 decode as bzip2 -d does', async (t) => {
  if (!needTools(t, 'bzip2', 'ar')) return;
  const dir = tempDir(t);
  const debs = join(CORPUS, 'debs');
  const repack = readdirSync(debs).find((n) => n.startsWith('repack-bzip2_'));
  assert.ok(repack, 'the corpus has a deb with a bzip2 data.tar');
  const member = join(dir, 'data.tar.bz2');
  runOk('sh', ['-c', 'ar p "$1" data.tar.bz2 > "$2"', 'sh', join(debs, repack), member]);
  assert.ok((await decode(readFileSync(member))).equals(reference(member)), repack);
  for (const name of readdirSync(debs).filter((n) => /^(perl-base|tzdata|hello)_/.test(n))) {
    const path = bzip2(dir, name, readFileSync(join(debs, name)), 9);
    assert.ok((await decode(readFileSync(path))).equals(reference(path)), name);
  }
});
