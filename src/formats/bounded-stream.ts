// Backpressure for native decompressors that ignore it (xz, lzma, zstd; zlib keeps its own). lzma-native and zstd-napi push all the output
// of the input they are given, however far behind the reader is: a 500 KiB xz member holding a 2 GiB
// sparse file filled 3 GiB of memory. Here the input goes in small slices, the next one only after
// the decompressor has handled the last and the reader has taken what came out. The slice shrinks when
// one slice's output is large (zeros compress 30,000:1 with zstd) and grows back when it is small, so
// about OUTPUT_STEP bytes wait in memory at a time.
import { Duplex } from 'node:stream';

const MAX_SLICE = 64 * 1024;
const MIN_SLICE = 64;
/** The first slice is small: the ratio is not known yet, and 64 KiB of zstd zeros is 2 GiB. */
const START_SLICE = 1024;
/** Output wanted per slice. */
const OUTPUT_STEP = 4 * 1024 * 1024;

export function withBackpressure(inner: Duplex): Duplex {
  let reading = true;
  let resume: (() => void) | undefined;
  const outer = new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      feed(chunk).then(() => callback(), callback);
    },
    final(callback) {
      inner.end();
      callback();
    },
    read() {
      reading = true;
      resume?.();
      resume = undefined;
    },
    destroy(err, callback) {
      resume?.();
      inner.destroy(err ?? undefined);
      callback(err);
    },
  });
  let slice = START_SLICE;
  let fed = 0;
  let produced = 0;
  const feed = async (chunk: Buffer) => {
    for (let at = 0; at < chunk.length;) {
      const piece = chunk.subarray(at, at + slice);
      at += piece.length;
      fed += piece.length;
      await new Promise<void>((resolve, reject) => {
        inner.write(piece, (err) => (err ? reject(err) : resolve()));
      });
      // The native side hands its output over asynchronously: let it arrive before measuring.
      await new Promise<void>((resolve) => { setImmediate(resolve); });
      slice = Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.floor(OUTPUT_STEP / Math.max(produced / fed, 1))));
      if (!reading) await new Promise<void>((resolve) => { resume = resolve; });
    }
  };
  inner.on('data', (data: Buffer) => {
    produced += data.length;
    if (!outer.push(data)) reading = false;
  });
  inner.on('end', () => outer.push(null));
  inner.on('error', (err) => outer.destroy(err));
  return outer;
}
