// Decompression of untrusted input in bounded memory and disk. A stream decoder must not turn one
// input chunk into unbounded output before its reader asks for more: zstd-napi and lzma-native push
// all of it at once (256 KiB of zstd zeros became 8 GiB in memory). So each codec is driven in a way
// that bounds its output between two reads:
//   - zlib (gzip, and zstd where node:zlib has it) stops mid-chunk when its reader is full: the
//     output is read as it comes, in paused mode;
//   - zstd through zstd-napi is driven call by call, one output buffer at a time;
//   - lzma-native (xz, lzma) takes small pieces of input at a time, and each piece's output is
//     handed on before the next piece goes in;
//   - bzip2 is pkgshift's own decoder (bzip2/stream.ts), which makes output only when asked.
// The output is counted: content that expands beyond `maxExpansion` times its compressed size (past
// EXPANSION_FLOOR), or beyond what its container declares, is refused, so a small bomb can fill
// neither memory nor the temporary directory.
import { createRequire } from 'node:module';
import type { Duplex, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { PkgError } from '../core/errors.js';
import { Bzip2Error } from './bzip2/error.js';
import { bunzip2 } from './bzip2/stream.js';
import { decompressor, type Compression } from './compress.js';
import { ZstdFrameError, checkZstdFrames } from './zstd-frames.js';

/** The default for --max-expansion: real packages compress 3–20 times, zero-padded images a few hundred. */
export const DEFAULT_MAX_EXPANSION = 1000;
/** Any compressed stream may expand to this much, whatever its ratio (small inputs, sparse images). */
export const EXPANSION_FLOOR = 64 * 1024 * 1024;

/**
 * Input piece sizes for decoders that ignore back-pressure, small enough that one piece of a bomb
 * stays a few MiB (xz reaches ~7,000:1).
 */
const PIECE: Partial<Record<Compression, number>> = { xz: 1024, lzma: 1024 };

/** A refusal or corruption found while decompressing; the caller's message names the stream. */
export class DecodeError extends PkgError {}

export interface DecodeLimits {
  /** The compressed size when known (a file or an archive member); else the bytes read so far count. */
  compressedSize?: number;
  /** Refuse output beyond this many times the compressed size (past EXPANSION_FLOOR). */
  maxExpansion?: number;
  /** Refuse output beyond what the container declares (e.g. an rpm's uncompressed payload size). */
  declaredSize?: number;
}

/** A pipeline stage: bytes in, bytes out. */
export type ByteStage = (source: AsyncIterable<Buffer>) => AsyncIterable<Buffer>;

/**
 * A pipeline stage that decompresses `kind` within `limits`; `none` passes bytes through, counted.
 * A plain generator stage rather than Duplex.from(generator): when a later stage fails, Node 22
 * destroys such a Duplex by waiting for its generator, which is parked waiting for input that never
 * comes, and the whole pipeline hangs (the process then exits 13 with nothing said).
 */
export function decoding(kind: Compression, limits: DecodeLimits): ByteStage {
  return (source) => decode(source, kind, limits);
}

/** The decompressed bytes of `source`, within `limits`. */
export async function* decode(source: AsyncIterable<Buffer>, kind: Compression, limits: DecodeLimits): AsyncGenerator<Buffer> {
  const ratio = limits.maxExpansion ?? DEFAULT_MAX_EXPANSION;
  let consumed = 0;
  let produced = 0;
  const account = (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > Math.max(EXPANSION_FLOOR, ratio * (limits.compressedSize ?? consumed))) {
      throw new DecodeError('input-unsafe', `refusing ${kind} content that expands more than ${ratio} times (a decompression bomb? --max-expansion raises the limit)`);
    }
    if (limits.declaredSize !== undefined && produced > limits.declaredSize) {
      throw new DecodeError('input-invalid', `the ${kind} content is larger than the ${limits.declaredSize} bytes its header declares`);
    }
  };
  const counted = (async function* () {
    for await (const chunk of source) {
      consumed += chunk.length;
      yield chunk;
    }
  })();
  // A zstd stream cut short must fail whichever decompressor runs (see zstd-frames.ts).
  const input = kind === 'zstd' ? checkZstdFrames(counted) : counted;
  try {
    if (kind === 'none') {
      for await (const chunk of input) {
        account(chunk);
        yield chunk;
      }
    } else if (kind === 'bzip2' || (kind === 'zstd' && !('createZstdDecompress' in zlib))) {
      for await (const chunk of kind === 'bzip2' ? bunzip2Checked(input) : zstdNapi(input)) {
        account(chunk);
        yield chunk;
      }
    } else {
      yield* pumped(input, decompressor(kind), PIECE[kind], kind, account);
    }
  } catch (err) {
    throw err instanceof ZstdFrameError ? corrupt(kind, err) : err;
  } finally {
    await input.return(undefined);
  }
}

function corrupt(kind: string, err: unknown): PkgError {
  // A decoder's own words when it has some; a JavaScript error inside a decoder says nothing to a user.
  const internal = err instanceof TypeError || err instanceof RangeError;
  const why = internal ? '' : ` (${(err instanceof Error ? err.message : String(err)).replace(/^Error: /, '')})`;
  return new DecodeError('input-invalid', `the ${kind} data is corrupt${why}`, { cause: err });
}

/** pkgshift's bzip2 decoder, its corruption errors made typed ones. */
async function* bunzip2Checked(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* bunzip2(source);
  } catch (err) {
    throw err instanceof Bzip2Error ? corrupt('bzip2', err) : err;
  }
}

const requireCjs = createRequire(import.meta.url);

/** The part of zstd-napi's native binding used here (its DecompressStream ignores back-pressure). */
interface ZstdBinding {
  DCtx: new () => { decompressStream(output: Uint8Array, input: Uint8Array): [number, number, number] };
  dStreamOutSize(): number;
}

/** zstd through zstd-napi's context, one output buffer per call (as its DecompressStream, but pausing between buffers). */
async function* zstdNapi(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const binding = requireCjs('zstd-napi/binding') as ZstdBinding;
  const dctx = new binding.DCtx();
  const size = binding.dStreamOutSize();
  for await (const chunk of source) {
    let input = chunk;
    for (;;) {
      const output = Buffer.allocUnsafe(size);
      let ret: number;
      let produced: number;
      let taken: number;
      try {
        [ret, produced, taken] = dctx.decompressStream(output, input);
      } catch (err) {
        throw corrupt('zstd', err);
      }
      if (produced > 0) yield output.subarray(0, produced);
      input = input.subarray(taken);
      if (input.length === 0 && (produced < output.length || ret === 0)) break;
    }
  }
}

/** Feeds `stream` (in pieces of at most `piece` bytes when given) and yields its output as it comes. */
async function* pumped(source: AsyncIterable<Buffer>, stream: Transform | Duplex, piece: number | undefined,
  kind: string, account: (chunk: Buffer) => void): AsyncGenerator<Buffer> {
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  stream.on('readable', poke);
  stream.on('error', (err: unknown) => { failure ??= err; poke(); });
  stream.on('end', () => { ended = true; poke(); });
  const next = (): Buffer | null => {
    const chunk = stream.read() as Buffer | null;
    if (chunk) account(chunk);
    return chunk;
  };
  /** Yields output until `done()`; waits for events in between. */
  async function* drainUntil(done: () => boolean): AsyncGenerator<Buffer> {
    for (;;) {
      for (let chunk = next(); chunk !== null; chunk = next()) yield chunk;
      if (failure instanceof PkgError) throw failure;
      if (failure !== undefined) throw corrupt(kind, failure);
      if (done()) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  }
  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length;) {
        const part = piece ? chunk.subarray(at, at + piece) : chunk;
        at += part.length;
        let taken = false;
        stream.write(part, () => { taken = true; poke(); });
        yield* drainUntil(() => taken);
      }
    }
    stream.end();
    yield* drainUntil(() => ended);
  } finally {
    stream.destroy();
  }
}
