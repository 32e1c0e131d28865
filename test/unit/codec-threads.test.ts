// xz (and zstd through zstd-napi, before Node 22.15) use both cores by default; the output must not
// depend on how many threads encode it (reproducible builds on machines of any size). The input spans
// several xz blocks and zstd jobs, so that the threads really split the work.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { compressor, decompressor, zstdFromNode, type Compression } from '../../src/formats/compress.js';

async function run(stream: NodeJS.ReadWriteStream, data: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  Readable.from(function* () {
    for (let at = 0; at < data.length; at += 64 * 1024) yield data.subarray(at, at + 64 * 1024);
  }()).pipe(stream);
  await done;
  return Buffer.concat(chunks);
}

// 3 MiB of hex text: compressible, and three xz blocks at preset 0 (1 MiB each), two zstd jobs at level 1.
const data = Buffer.from(randomBytes(1.5 * 1024 * 1024).toString('hex'));
const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

for (const [kind, level] of [['xz', 0], ['zstd', 1]] as [Compression, number][]) {
  const skip = kind === 'zstd' && zstdFromNode() ? 'node:zlib zstd is single-threaded' : false;
  test(`${kind} writes the same bytes with 1 and 2 threads, and they decode to the input`, { skip }, async () => {
    const one = await run(compressor(kind, level, 1), data);
    for (const threads of [2]) assert.equal(digest(await run(compressor(kind, level, threads), data)), digest(one), `${threads} threads`);
    assert.equal(digest(await run(decompressor(kind), one)), digest(data));
  });
}

test('a thread count below 1 is refused', () => {
  assert.throws(() => compressor('zstd', 3, 0), /at least 1/);
});
