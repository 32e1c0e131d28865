// The zstd frame walker: whole streams pass unchanged however they are cut into chunks; a stream cut
// anywhere short of a frame's end is refused. Checked on hand-made frames, on the zstd tool's output,
// and against `zstd -t` for every truncation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import { ZstdFrameError, checkZstdFrames } from '../../src/formats/zstd-frames.js';
import { needTools } from '../support/helpers.js';

/** `printf 'hello …\n' | zstd -c`: one compressed block and a content checksum. */
const WITH_CHECKSUM = Buffer.from('28b52ffd04586d00003868656c6c6f200a0100029522f19b5515', 'hex');
/** The same with --no-check. */
const NO_CHECKSUM = Buffer.from('28b52ffd00586d00003868656c6c6f200a0100029522', 'hex');
/** By hand: a skippable frame (3 bytes), then a frame with a raw block "abc" and a last RLE block of 5 × "z". */
const HAND_MADE = Buffer.concat([
  Buffer.from('502a4d1803000000', 'hex'), Buffer.from('xyz'),
  Buffer.from('28b52ffd', 'hex'), Buffer.from([0x20, 8]), // single segment, 1-byte content size: 8
  Buffer.from([(3 << 3) | (0 << 1) | 0, 0, 0]), Buffer.from('abc'), // raw block of 3, not last
  Buffer.from([(5 << 3) | (1 << 1) | 1, 0, 0]), Buffer.from('z'), // RLE block of 5, last
]);

async function walk(bytes: Buffer, chunkSize = bytes.length || 1): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  const out: Buffer[] = [];
  for await (const chunk of checkZstdFrames((async function* () { yield* chunks; })())) out.push(chunk);
  return Buffer.concat(out);
}

async function refused(bytes: Buffer, message: RegExp): Promise<void> {
  await assert.rejects(walk(bytes), (err: unknown) => err instanceof ZstdFrameError && message.test(err.message), `${bytes.length} bytes`);
}

test('zstd frames: whole streams pass unchanged in chunks of every size; every truncation is refused', async () => {
  const W = WITH_CHECKSUM.length;
  const SKIPPABLE = 11;
  const streams: [Buffer, number[]][] = [ // each stream, and where a frame ends inside it
    [WITH_CHECKSUM, []], [NO_CHECKSUM, []], [HAND_MADE, [SKIPPABLE]],
    [Buffer.concat([WITH_CHECKSUM, HAND_MADE, NO_CHECKSUM]), [W, W + SKIPPABLE, W + HAND_MADE.length]],
  ];
  for (const [stream, frameEnds] of streams) {
    for (let size = 1; size <= stream.length; size++) assert.deepEqual(await walk(stream, size), stream);
    for (let cut = 1; cut < stream.length; cut++) {
      const part = stream.subarray(0, cut);
      if (frameEnds.includes(cut)) assert.deepEqual(await walk(part), part, `cut at the frame end ${cut}`);
      else await refused(part, /ends in the middle of a frame/);
    }
  }
});

test('zstd frames: empty streams, foreign bytes and reserved values are refused', async () => {
  await refused(Buffer.alloc(0), /the stream is empty/);
  await refused(Buffer.concat([NO_CHECKSUM, Buffer.from('trailing garbage')]), /no zstd frame at byte 22/);
  await refused(Buffer.from('28b52ffd0800', 'hex'), /sets a reserved bit/);
  await refused(Buffer.concat([Buffer.from('28b52ffd2001', 'hex'), Buffer.from([(1 << 3) | (3 << 1) | 1, 0, 0])]), /reserved type/);
});

test('zstd frames: the zstd tool\'s streams pass, and a truncation is refused exactly when zstd -t refuses it', async (t) => {
  if (!needTools(t, 'zstd')) return;
  const text = Buffer.from(Array.from({ length: 40000 }, (_, i) => `line ${i} ${(i * 7919) % 1000}\n`).join(''));
  const zstd = (args: string[], input: Buffer) => spawnSync('zstd', args, { input, maxBuffer: 1 << 26 });
  for (const args of [['-1'], ['-19', '--no-check'], ['--no-content-size', '-T2', '-B65536'], ['--long=20', '--ultra', '-22']]) {
    const stream = zstd(['-q', '-c', ...args], text).stdout;
    assert.deepEqual(await walk(stream, 4096), stream, args.join(' '));
    for (const cut of [4, 9, 100, Math.floor(stream.length / 2), stream.length - 4, stream.length - 1]) {
      const part = stream.subarray(0, cut);
      const zstdRefuses = zstd(['-q', '-t'], part).status !== 0;
      const walkerRefuses = await walk(part).then(() => false, () => true);
      assert.equal(walkerRefuses, zstdRefuses, `${args.join(' ')}, cut at ${cut} of ${stream.length}`);
    }
  }
});
