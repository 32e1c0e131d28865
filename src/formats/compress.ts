// Compression codecs as streams. Every encoder here writes the same bytes on every machine for the
// same input and level (reproducible builds): gzip headers carry no time or name, xz (and zstd through
// zstd-napi) always runs its multi-threaded encoder, whose output does not depend on the thread count
// (CODEC_THREADS), and node:zlib's zstd is single-threaded.
// zlib works in 256 KiB chunks: at its default 16 KiB, handing every chunk to the thread pool costs
// more than deflating it (a 2 GiB deb took 8 s instead of 3.4 s).
//
// Only gzip is loaded at start-up. The xz library (lzma-native, which ships prebuilt binaries) is
// loaded the first time xz or lzma is needed; zstd comes from node:zlib (Node 22.15 and later) and,
// on older Node, from the optional dependency zstd-napi, loaded only then.
import { createRequire } from 'node:module';
import { Duplex, PassThrough, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import type * as LzmaNative from 'lzma-native';
import type * as ZstdNapi from 'zstd-napi';
import { PkgError, describeError } from '../core/errors.js';
import { withBackpressure } from './bounded-stream.js';
import { bunzip2 } from './bzip2/stream.js';

export type Compression = 'none' | 'gzip' | 'xz' | 'zstd' | 'bzip2' | 'lzma';

/** What pkgshift can write; bzip2 and lzma are read-only legacy formats. */
export const WRITABLE: readonly Compression[] = ['none', 'gzip', 'xz', 'zstd'];

export const EXTENSION: Record<Compression, string> = {
  none: '', gzip: '.gz', xz: '.xz', zstd: '.zst', bzip2: '.bz2', lzma: '.lzma',
};

export const DEFAULT_LEVEL: Record<Compression, number> = {
  none: 0, gzip: 9, xz: 6, zstd: 3, bzip2: 9, lzma: 6,
};

const LEVELS: Record<Compression, [number, number]> = {
  none: [0, 0], gzip: [1, 9], xz: [0, 9], zstd: [1, 22], bzip2: [1, 9], lzma: [0, 9],
};

/** Accepts the names users type: `gz`, `zst`, `xz`, `none` … */
export function parseCompression(name: string): Compression {
  const aliases: Record<string, Compression> = {
    none: 'none', identity: 'none', gz: 'gzip', gzip: 'gzip', xz: 'xz', zst: 'zstd', zstd: 'zstd',
    bz2: 'bzip2', bzip2: 'bzip2', lzma: 'lzma',
  };
  const kind = aliases[name.toLowerCase()];
  if (!kind) throw new PkgError('usage', `unknown compression '${name}' (use one of: ${WRITABLE.join(', ')})`);
  return kind;
}

export function checkLevel(kind: Compression, level: number): number {
  const [min, max] = LEVELS[kind];
  if (!Number.isInteger(level) || level < min || level > max) {
    throw new PkgError('usage', `${kind} compression level must be ${min}..${max}, not ${level}`);
  }
  return level;
}

/**
 * Threads for xz and for zstd-napi's zstd (Node before 22.15): both cores of a typical builder. Any count
 * from 1 up writes the same bytes (multi-threaded xz splits at a block size that depends on the preset
 * only; zstd's workers at job boundaries that depend on the level only); 0, zstd's single-threaded
 * mode, would not.
 */
export const CODEC_THREADS = 2;

export function compressor(kind: Compression, level = DEFAULT_LEVEL[kind], threads = CODEC_THREADS): Transform | Duplex {
  checkLevel(kind, level);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`codec threads must be at least 1, not ${threads}`);
  switch (kind) {
    case 'none': return new PassThrough();
    case 'gzip': return zlib.createGzip({ level, chunkSize: 256 * 1024 });
    case 'xz': return lzma().createCompressor({ preset: level, threads });
    case 'zstd': return zstdCompressor(level, threads);
    default: throw new PkgError('unsupported', `pkgshift reads ${kind} but does not write it`);
  }
}

export function decompressor(kind: Compression): Transform | Duplex {
  switch (kind) {
    case 'none': return new PassThrough();
    case 'gzip': return zlib.createGunzip({ chunkSize: 256 * 1024 });
    case 'xz': return withBackpressure(lzma().createStream('autoDecoder'));
    case 'lzma': return withBackpressure(lzma().createStream('aloneDecoder'));
    case 'zstd': return withBackpressure(zstdDecompressor());
    case 'bzip2': return Duplex.from(bunzip2);
  }
}

const requireCjs = createRequire(import.meta.url);

/** Loads a codec module on first use, with a one-line error naming the package when it is missing. */
function load<T>(module: string, why: string): T {
  try {
    return requireCjs(module) as T;
  } catch (err) {
    throw new PkgError('unsupported', `${why} needs the package ${module}, which is not installed or not built `
      + `(${describeError(err).split('\n')[0]}); reinstall pkgshift${module === 'zstd-napi' ? ' or use Node 22.15 or later' : ''}`, { cause: err });
  }
}

const lzma = () => load<typeof LzmaNative>('lzma-native', 'xz and lzma compression');

/** node:zlib's zstd (Node 22.15+), typed here because the project also builds against Node 20's types. */
interface ZlibZstd {
  createZstdCompress?(options: { chunkSize?: number; params?: Record<number, number> }): Transform;
  createZstdDecompress?(options: { chunkSize?: number }): Transform;
  constants: { ZSTD_c_compressionLevel?: number };
}
const zlibZstd = zlib as unknown as ZlibZstd;

/** True when this Node has zstd in node:zlib (22.15 and later); otherwise zstd needs zstd-napi. */
export function zstdFromNode(): boolean {
  return typeof zlibZstd.createZstdCompress === 'function';
}

function zstdCompressor(level: number, threads: number): Transform | Duplex {
  const { createZstdCompress, constants } = zlibZstd;
  // node:zlib's zstd runs single-threaded: with ZSTD_c_nbWorkers set, Node 22 ends the stream before
  // the workers have delivered everything (a 24 MiB input came out cut at 2-3 MiB).
  if (createZstdCompress && constants.ZSTD_c_compressionLevel !== undefined) {
    return createZstdCompress.call(zlib, { chunkSize: 256 * 1024, params: { [constants.ZSTD_c_compressionLevel]: level } });
  }
  return new (zstdNapi().CompressStream)({ compressionLevel: level, nbWorkers: threads });
}

function zstdDecompressor(): Transform | Duplex {
  const { createZstdDecompress } = zlibZstd;
  if (createZstdDecompress) return createZstdDecompress.call(zlib, { chunkSize: 256 * 1024 });
  return new (zstdNapi().DecompressStream)();
}

const zstdNapi = () => load<typeof ZstdNapi>('zstd-napi', `zstd on Node ${process.versions.node}`);

/** Recognises a compressed stream from its first bytes; `none` when no magic matches. */
export function sniffCompression(head: Uint8Array): Compression {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2';
  if (starts(0x5d, 0x00, 0x00)) return 'lzma';
  return 'none';
}

/** The compression a file name implies (`.tar.gz`, `.tgz`, `.txz`, …), or undefined. */
export function compressionFromName(name: string): Compression | undefined {
  const m = /\.(?:tar\.)?(gz|tgz|xz|txz|zst|tzst|bz2|tbz2?|lzma)$/.exec(name) ?? /\.(tar)$/.exec(name);
  const aliases: Record<string, Compression> = {
    gz: 'gzip', tgz: 'gzip', xz: 'xz', txz: 'xz', zst: 'zstd', tzst: 'zstd', bz2: 'bzip2', tbz: 'bzip2', tbz2: 'bzip2', lzma: 'lzma', tar: 'none',
  };
  return m ? aliases[m[1]!] : undefined;
}
